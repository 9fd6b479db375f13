# cordon_add_plugin(<target> SOURCES ... [OUTPUT_DIR dir] [LIBRARIES ...])
# Builds a plugin: a MODULE library without the "lib" prefix that exports only
# the entry symbol, placed in the built-in plugin directory unless OUTPUT_DIR
# says otherwise (the test tree puts its deliberately broken plugins elsewhere).
function(cordon_add_plugin target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${CORDON_BUILD_PLUGIN_DIR}")
    # Built-in plugins install where an installed `cordon` looks for them.
    install(TARGETS ${target} LIBRARY DESTINATION ${CORDON_PLUGIN_SUBDIR})
  endif()
  target_link_libraries(${target} PRIVATE cordon::plugin_api ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  # Catch a missing library at link time; sanitizer runtimes resolve from the
  # executable, so the check only holds without them.
  if(NOT CORDON_SANITIZE)
    target_link_options(${target} PRIVATE -Wl,--no-undefined)
  endif()
  cordon_warnings(${target})
endfunction()
