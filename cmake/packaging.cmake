# Install rules for everything but the binaries (kiosk/app and kiosk/ctl install those to bin/),
# and the .deb (CPack): `cpack -G DEB` in a build directory makes community-kiosk_VERSION_ARCH.deb
# with /usr/bin/{kiosk,kioskctl}, /usr/share/kiosk/{content,fonts}, /etc/kiosk/kiosk.json (a
# conffile), /usr/lib/systemd/system/kiosk.service, /usr/share/doc/community-kiosk/ and the
# maintainer scripts from systemd/deb/. The package's paths do not depend on the build's
# CMAKE_INSTALL_PREFIX: CPack installs under /usr (CPACK_PACKAGING_INSTALL_PREFIX), the kiosk finds
# its data beside its binary (BIN/../share/kiosk), and the config is always /etc/kiosk.

install(DIRECTORY content/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/content)
install(DIRECTORY fonts/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/fonts)
# The kiosk reads /etc/kiosk/kiosk.json whatever the prefix (config::kDefaultPath).
install(FILES config/kiosk.json DESTINATION /etc/kiosk)
install(FILES systemd/kiosk.service DESTINATION lib/systemd/system)
install(FILES README.md systemd/kiosk-x11.conf DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES config/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME kiosk.json.md)
install(FILES systemd/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME systemd.md)

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "community-kiosk")
set(CPACK_PACKAGE_VENDOR "社区公示触摸屏 project")
set(CPACK_PACKAGE_CONTACT "kiosk maintainers <kiosk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "社区公示触摸屏: touch kiosk for community 公示 notices")
set(CPACK_PACKAGE_DESCRIPTION "A full-screen touch kiosk for a 村/居委会 office: the current 公示 of the
applicants for the 社区建设示范(模范)单位 titles, the 创建标准 and the supervision hotlines, from a
signed content bundle it pulls from an HTTP server. Runs as the systemd unit kiosk.service; edit
/etc/kiosk/kiosk.json and `systemctl restart kiosk`.")
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
# Libraries the binaries link: dpkg-shlibdeps (dpkg-dev) computes them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Runtime needs that shlibdeps cannot see: the CJK fonts (through fontconfig), adduser for the
# maintainer scripts, CA certificates for HTTPS, and EGL/GLES with Mesa's drivers, which SDL loads
# at run time for the bare-console (kmsdrm) display the unit uses; libcurl4, which kiosk_net
# loads with dlopen on the first request (kiosk/net/curl_lazy.cpp).
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "fonts-noto-cjk, fontconfig, adduser, ca-certificates, libegl1, libgles2, libgl1-mesa-dri, libcurl4 (>= 7.85)")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "systemd, fonts-wqy-microhei")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  "${PROJECT_SOURCE_DIR}/systemd/deb/postinst;${PROJECT_SOURCE_DIR}/systemd/deb/prerm;${PROJECT_SOURCE_DIR}/systemd/deb/postrm;${PROJECT_SOURCE_DIR}/systemd/deb/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
