# The console's pages compiled into a library: include() it from kiosk/console/CMakeLists.txt and
# link kiosk_console_assets. The .cpp is generated at build time from every file of assets/ by
# embed_assets.cmake (file(READ … HEX), no xxd); adding a file re-runs CMake (CONFIGURE_DEPENDS).
if(NOT TARGET kiosk_console_assets)
  set(_assets_dir "${CMAKE_CURRENT_LIST_DIR}/assets")
  file(GLOB_RECURSE _assets CONFIGURE_DEPENDS LIST_DIRECTORIES false "${_assets_dir}/*")
  set(_assets_cpp "${PROJECT_BINARY_DIR}/kiosk/console/console_assets.cpp")
  add_custom_command(
    OUTPUT "${_assets_cpp}"
    COMMAND ${CMAKE_COMMAND} -DDIR=${_assets_dir} -DOUT=${_assets_cpp}
            -P "${CMAKE_CURRENT_LIST_DIR}/embed_assets.cmake"
    DEPENDS ${_assets} "${CMAKE_CURRENT_LIST_DIR}/embed_assets.cmake"
    COMMENT "Embedding the console's pages (kiosk/console/assets/)"
    VERBATIM)
  add_library(kiosk_console_assets STATIC "${_assets_cpp}" "${CMAKE_CURRENT_LIST_DIR}/assets.hpp")
  # The generated file includes "assets.hpp" (this folder, PRIVATE); users include
  # "console/assets.hpp" through the console module's include root (as kiosk_module makes it).
  set(_root "${PROJECT_BINARY_DIR}/include_roots/console")
  if(NOT EXISTS "${_root}/console")
    file(MAKE_DIRECTORY "${_root}")
    file(CREATE_LINK "${CMAKE_CURRENT_LIST_DIR}" "${_root}/console" SYMBOLIC)
  endif()
  target_include_directories(kiosk_console_assets PRIVATE "${CMAKE_CURRENT_LIST_DIR}" PUBLIC "${_root}")
  target_link_libraries(kiosk_console_assets PRIVATE kiosk_warnings)
endif()
