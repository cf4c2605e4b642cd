# Install rules for everything but the binaries (kiosk/app and kiosk/ctl install those to bin/),
# and the .debs (CPack): `cpack -G DEB` in a build directory makes three packages (below), named
# NAME_VERSION_ARCH.deb. The packages' paths do not depend on the build's CMAKE_INSTALL_PREFIX:
# CPack installs under /usr (CPACK_PACKAGING_INSTALL_PREFIX), the kiosk and kioskctl find their
# data beside their binary (BIN/../share/kiosk), and the config is always /etc/kiosk.

# Three components, one .deb each (cpack -G DEB). `common` is what both the kiosk and the clerk's PC
# need, so no file is in two packages and the two are co-installable:
#   common -> community-kiosk-common: /usr/bin/kioskctl, /usr/libexec/community-kiosk/kioskctl-serve
#             (what kioskctl serve runs), /usr/share/kiosk/{content,fonts} (kioskctl
#             preview draws with the kiosk's fonts.json; the console's working copy starts from the
#             default content); no maintainer scripts.
#   kiosk  -> community-kiosk: /usr/bin/kiosk, /etc/kiosk, kiosk.service and the scripts that add
#             the kiosk user and enable the unit. Depends on common (operators run kioskctl
#             pin-hash and validate on the kiosk itself).
#   admin  -> community-kiosk-admin: the clerk's desktop launcher 社区公示管理 (desktop/): the
#             .desktop entry, /usr/bin/kiosk-admin-console, the icon. Depends on common, never on
#             the kiosk; no maintainer scripts, no unit, nothing enabled.
# kiosk/app installs the kiosk binary (COMPONENT kiosk), kiosk/ctl kioskctl and kioskctl-serve
# (COMPONENT common).
install(DIRECTORY content/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/content COMPONENT common)
install(DIRECTORY fonts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/fonts COMPONENT common)
install(FILES docs/CLI.md docs/KEYS.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/community-kiosk-common
        COMPONENT common)
# The kiosk reads /etc/kiosk/kiosk.json whatever the prefix (config::kDefaultPath).
install(FILES config/kiosk.json DESTINATION /etc/kiosk COMPONENT kiosk)
install(FILES systemd/kiosk.service DESTINATION lib/systemd/system COMPONENT kiosk)
install(FILES README.md systemd/kiosk-x11.conf DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT kiosk)
# The USB stick install (docs/USB.md): the udev rule starts the templated unit, which runs the
# helper (mount read-only, kiosk --install-from as the kiosk user, unmount).
install(FILES systemd/kiosk-usb-install@.service DESTINATION lib/systemd/system COMPONENT kiosk)
install(FILES systemd/99-kiosk-usb.rules DESTINATION lib/udev/rules.d COMPONENT kiosk)
install(PROGRAMS systemd/kiosk-usb-install
        DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/community-kiosk COMPONENT kiosk)
install(FILES docs/USB.md DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT kiosk)
install(FILES config/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME kiosk.json.md
        COMPONENT kiosk)
install(FILES systemd/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME systemd.md
        COMPONENT kiosk)
install(PROGRAMS desktop/kiosk-admin-console DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT admin)
install(FILES desktop/community-kiosk-admin.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications
        COMPONENT admin)
install(FILES desktop/community-kiosk-admin.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps COMPONENT admin)
install(FILES desktop/README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/community-kiosk-admin
        COMPONENT admin)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "community-kiosk")
set(CPACK_PACKAGE_VENDOR "社区公示触摸屏 project")
set(CPACK_PACKAGE_CONTACT "kiosk maintainers <kiosk@localhost>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
# Stage with DESTDIR under the prefix /usr (whatever the build's CMAKE_INSTALL_PREFIX), so the
# absolute /etc/kiosk lands in the package, never on the build machine.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
# Libraries the binaries link: dpkg-shlibdeps (dpkg-dev) computes them, per package.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL common kiosk admin)
# Depends: community-kiosk-common (= VERSION) for kiosk and admin.
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
set(CPACK_COMPONENT_KIOSK_DEPENDS common)
set(CPACK_COMPONENT_ADMIN_DEPENDS common)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME "community-kiosk")
# Each package's description: its first line is the synopsis (CPACK_PACKAGE_DESCRIPTION_SUMMARY
# stays unset: CPack would put it in front of all three).
set(CPACK_DEBIAN_KIOSK_DESCRIPTION "社区公示触摸屏: touch kiosk for community 公示 notices
A full-screen touch kiosk for a 村/居委会 office: the current 公示 of the
applicants for the 社区建设示范(模范)单位 titles, the 创建标准 and the supervision hotlines, from a
signed content bundle it pulls from an HTTP server. Runs as the systemd unit kiosk.service; edit
/etc/kiosk/kiosk.json and `systemctl restart kiosk`.")
# The fonts of the default chain (config.hpp Config::Fonts, fonts/README.md), through fontconfig:
# Noto Sans CJK SC first, BabelStone Han (CJK Extensions A–H) last, so no name is drawn as □. The
# kiosk and community-kiosk-common (kioskctl validate, preview; the console through
# community-kiosk-admin) depend on the same list, so validate's glyph check agrees with the kiosk.
set(KIOSK_FONT_PACKAGES "fonts-noto-cjk, fonts-babelstone-han")
# Runtime needs that shlibdeps cannot see: the CJK fonts (through fontconfig), adduser for the
# maintainer scripts, CA certificates for HTTPS, and EGL/GLES with Mesa's drivers, which SDL loads
# at run time for the bare-console (kmsdrm) display the unit uses; libcurl4, which kiosk_net
# loads with dlopen on the first request (kiosk/net/curl_lazy.cpp); libssl3, whose libcrypto
# kiosk_crypto loads with dlopen on the first SHA-256 (kiosk/crypto/sha256.cpp); tzdata, the zone database
# config timezone is read from (kiosk/tz/, /usr/share/zoneinfo).
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
  "${KIOSK_FONT_PACKAGES}, fontconfig, adduser, ca-certificates, libegl1, libgles2, libgl1-mesa-dri, libcurl4 (>= 7.85), libssl3, tzdata")
set(CPACK_DEBIAN_KIOSK_PACKAGE_RECOMMENDS "systemd, fonts-wqy-microhei")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
  "${PROJECT_SOURCE_DIR}/systemd/deb/postinst;${PROJECT_SOURCE_DIR}/systemd/deb/prerm;${PROJECT_SOURCE_DIR}/systemd/deb/postrm;${PROJECT_SOURCE_DIR}/systemd/deb/conffiles")

set(CPACK_DEBIAN_COMMON_PACKAGE_NAME "community-kiosk-common")
set(CPACK_DEBIAN_COMMON_DESCRIPTION "社区公示触摸屏: kioskctl and the data the kiosk and the console share
kioskctl (validate, keygen, sign, publish, import, preview, pin-hash, serve: the clerk's console in
a browser), the default content and the font sizes (fonts.json) the kiosk and kioskctl preview
draw with. Installs no service: community-kiosk makes a PC a kiosk, community-kiosk-admin gives a
clerk's PC the desktop launcher 社区公示管理.")
# libcurl4: loaded with dlopen by publish; libssl3: its libcrypto, by SHA-256; libzip4 and
# libxlsxwriter4: by import and template (kiosk/sheet/lazy.cpp); the CJK fonts: validate checks
# names against them and preview draws with them.
set(CPACK_DEBIAN_COMMON_PACKAGE_DEPENDS "${KIOSK_FONT_PACKAGES}, fontconfig, ca-certificates, libcurl4 (>= 7.85), libssl3, libzip4, libxlsxwriter4, tzdata")
# These files were in community-kiosk up to 0.1.0: upgrading moves them here.
set(CPACK_DEBIAN_COMMON_PACKAGE_REPLACES "community-kiosk")

set(CPACK_DEBIAN_ADMIN_PACKAGE_NAME "community-kiosk-admin")
set(CPACK_DEBIAN_ADMIN_DESCRIPTION "社区公示管理: the clerk's desktop launcher for the 社区公示 console
A desktop entry (社区公示管理, in Office) that starts kioskctl serve on the clerk's working copy
(~/社区公示, made from the default content on first run), on loopback only, and opens the default
browser on it. Never makes the PC a kiosk: no service, no /etc/kiosk, nothing enabled.")
# xdg-open opens the default browser; flock (util-linux, essential) keeps one console per user.
set(CPACK_DEBIAN_ADMIN_PACKAGE_DEPENDS "xdg-utils")
set(CPACK_DEBIAN_ADMIN_PACKAGE_RECOMMENDS "chromium | firefox-esr | www-browser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
