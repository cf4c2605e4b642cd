// kioskctl fleet against real kiosk processes (placeholder until the e2e lands).
