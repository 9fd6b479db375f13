# The plugin SDK's CMake helper, installed with the Cordon package
# (find_package(Cordon COMPONENTS plugin_sdk) includes it).
#
# cordon_add_plugin(<name> SOURCES ... [LIBRARIES ...])
# Builds <name>.so, a plugin the host can load: a MODULE library against the
# plain-C headers of Cordon::plugin_sdk that exports only cordon_plugin_entry
# (cordon_plugin_rules, CordonPluginRules.cmake). LIBRARIES are linked
# privately; link them statically where you can, since a plugin that runs in
# the sandbox can map only what is installed on the host's machine.
include("${CMAKE_CURRENT_LIST_DIR}/CordonPluginRules.cmake")

function(cordon_add_plugin name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "cordon_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Cordon::plugin_sdk ${ARG_LIBRARIES})
  cordon_plugin_rules(${name})
endfunction()
