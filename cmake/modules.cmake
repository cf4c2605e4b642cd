# Reads kiosk/MODULES.txt (the modules and their allowed arrows) and gives each module's target
# what the file says: an include root with only the module's own folder, and its dependencies.
#
# kiosk_module(<module> [TARGET <target>]): call after add_library in kiosk/<module>/. The target
# (kiosk_<module> unless given) gets ${PROJECT_BINARY_DIR}/include_roots/<module> as its PUBLIC
# include directory, holding one symlink <module> -> kiosk/<module>, so "<module>/x.hpp" is found
# and no other module's header is; and it links kiosk_<dep> PUBLIC for each dependency listed, so
# a target sees its own headers and its dependencies' (transitively), nothing else. Third-party
# libraries stay in each folder's CMakeLists.txt (PRIVATE where the headers do not need them);
# the architecture test checks their headers against the same file.

set(KIOSK_MODULES_FILE "${PROJECT_SOURCE_DIR}/kiosk/MODULES.txt")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${KIOSK_MODULES_FILE}")
file(STRINGS "${KIOSK_MODULES_FILE}" _kiosk_module_lines REGEX "^[a-z_]+:")
set(KIOSK_MODULES "")
foreach(line IN LISTS _kiosk_module_lines)
  if(NOT line MATCHES "^([a-z_]+):([^|]*)\\|")
    message(FATAL_ERROR "${KIOSK_MODULES_FILE}: expected 'module: deps | libraries', found '${line}'")
  endif()
  set(module "${CMAKE_MATCH_1}")
  string(STRIP "${CMAKE_MATCH_2}" deps)
  separate_arguments(deps UNIX_COMMAND "${deps}")
  list(APPEND KIOSK_MODULES ${module})
  set(KIOSK_MODULE_DEPS_${module} ${deps})
endforeach()

function(kiosk_module module)
  cmake_parse_arguments(M "" "TARGET" "" ${ARGN})
  if(NOT module IN_LIST KIOSK_MODULES)
    message(FATAL_ERROR "kiosk_module(${module}): not listed in ${KIOSK_MODULES_FILE}")
  endif()
  if(NOT M_TARGET)
    set(M_TARGET kiosk_${module})
  endif()
  set(root "${PROJECT_BINARY_DIR}/include_roots/${module}")
  if(NOT EXISTS "${root}/${module}")
    file(MAKE_DIRECTORY "${root}")
    file(CREATE_LINK "${PROJECT_SOURCE_DIR}/kiosk/${module}" "${root}/${module}" SYMBOLIC)
  endif()
  target_include_directories(${M_TARGET} PUBLIC "${root}")
  foreach(dep IN LISTS KIOSK_MODULE_DEPS_${module})
    if(NOT dep IN_LIST KIOSK_MODULES)
      message(FATAL_ERROR "${KIOSK_MODULES_FILE}: ${module} depends on ${dep}, which is no module")
    endif()
    target_link_libraries(${M_TARGET} PUBLIC kiosk_${dep})
  endforeach()
endfunction()
