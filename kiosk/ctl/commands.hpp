// kioskctl's commands, callable from tests without a process: each takes its arguments (after the
// command word), writes its report to out/err, and returns the exit status.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace kiosk::ctl {

using Args = std::vector<std::string>;

int run(const Args& argv, std::ostream& out, std::ostream& err);  // argv without the program name

int cmd_validate(const Args& args, std::ostream& out, std::ostream& err);
// Declarations of the commands in cmd_*.cpp go here, one per line.
int cmd_keygen(const Args& args, std::ostream& out, std::ostream& err);      // cmd_keys.cpp
int cmd_sign(const Args& args, std::ostream& out, std::ostream& err);        // cmd_keys.cpp
int cmd_publish(const Args& args, std::ostream& out, std::ostream& err);     // cmd_publish.cpp
int cmd_import(const Args& args, std::ostream& out, std::ostream& err);      // cmd_import.cpp
int cmd_import_csv(const Args& args, std::ostream& out, std::ostream& err);  // cmd_import.cpp
int cmd_template(const Args& args, std::ostream& out, std::ostream& err);    // cmd_template.cpp
int cmd_preview(const Args& args, std::ostream& out, std::ostream& err);     // cmd_preview.cpp
int cmd_pin_hash(const Args& args, std::ostream& out, std::ostream& err);    // cmd_pin.cpp
int cmd_site(const Args& args, std::ostream& out, std::ostream& err);        // cmd_site.cpp
int cmd_serve(const Args& args, std::ostream& out, std::ostream& err);       // cmd_serve.cpp
int cmd_cosign(const Args& args, std::ostream& out, std::ostream& err);      // cmd_trust.cpp
int cmd_root(const Args& args, std::ostream& out, std::ostream& err);        // cmd_trust.cpp
int cmd_export(const Args& args, std::ostream& out, std::ostream& err);      // cmd_trust.cpp
int cmd_fleet(const Args& args, std::ostream& out, std::ostream& err);       // cmd_fleet.cpp
int cmd_proof(const Args& args, std::ostream& out, std::ostream& err);       // cmd_fleet.cpp
int cmd_verify_log(const Args& args, std::ostream& out, std::ostream& err);  // cmd_verify_log.cpp

}  // namespace kiosk::ctl
