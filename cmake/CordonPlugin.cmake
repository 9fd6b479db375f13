# cordon_add_plugin(<target> SOURCES ... [OUTPUT_DIR dir] [LIBRARIES ...])
# Builds a plugin of this repository: what makes a plugin correct comes from
# cordon_plugin_rules (CordonPluginRules.cmake, the same file the installed
# SDK uses); this adds what only the in-tree build wants. The plugin is placed
# in the built-in plugin directory unless OUTPUT_DIR says otherwise (the test
# tree puts its deliberately broken plugins elsewhere).
# A built-in plugin also gets <target>-static, the same sources as a static
# library built only when something links it: the fuzz targets call its
# cordon_plugin_entry directly, so they need no plugin file at run time
# (OSS-Fuzz runs them far from the build tree). The MODULE is unchanged.
include(CordonPluginRules)

# Sanitizer runtimes resolve from the executable, so a sanitized plugin has
# undefined symbols by design.
if(CORDON_SANITIZE)
  set(CORDON_PLUGIN_ALLOW_UNDEFINED ON)
endif()

function(cordon_add_plugin target)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "SOURCES;LIBRARIES" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${CORDON_BUILD_PLUGIN_DIR}")
    # Built-in plugins install where an installed `cordon` looks for them.
    install(TARGETS ${target} LIBRARY DESTINATION ${CORDON_PLUGIN_SUBDIR})
    add_library(${target}-static STATIC EXCLUDE_FROM_ALL ${ARG_SOURCES})
    target_link_libraries(${target}-static PUBLIC cordon::plugin_api ${ARG_LIBRARIES})
    set_target_properties(${target}-static PROPERTIES C_VISIBILITY_PRESET hidden CXX_VISIBILITY_PRESET hidden)
    cordon_warnings(${target}-static)
  endif()
  target_link_libraries(${target} PRIVATE cordon::plugin_api ${ARG_LIBRARIES})
  set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}")
  cordon_plugin_rules(${target})
  cordon_warnings(${target})
endfunction()
