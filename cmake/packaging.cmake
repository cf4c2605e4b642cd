# The .deb (CPack): binaries, the default content, the example config as a conffile, the systemd
# unit, maintainer scripts from systemd/deb/. `cpack -G DEB` in the build directory makes it.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "community-kiosk")
set(CPACK_PACKAGE_VENDOR "社区公示触摸屏 project")
set(CPACK_PACKAGE_CONTACT "kiosk maintainers <kiosk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "社区公示触摸屏: touch kiosk for community 公示 notices")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Runtime needs that shlibdeps cannot see: the fonts, adduser for the maintainer scripts.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-cjk, fonts-wqy-microhei, fontconfig, adduser, ca-certificates")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "systemd")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  "${PROJECT_SOURCE_DIR}/systemd/deb/postinst;${PROJECT_SOURCE_DIR}/systemd/deb/prerm;${PROJECT_SOURCE_DIR}/systemd/deb/postrm;${PROJECT_SOURCE_DIR}/systemd/deb/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
