# What a correct Cordon plugin is, in one place: the installed SDK
# (CordonPluginSdk.cmake) and the in-tree build (CordonPlugin.cmake) both apply
# cordon_plugin_rules() to their plugin targets.
#
# cordon_plugin_rules(<target>): <target> is a MODULE library. It becomes
# <target>.so without the "lib" prefix, compiled with hidden visibility and
# linked with a version script that exports cordon_plugin_entry and nothing
# else; libraries linked statically into it keep their symbols to themselves
# (--exclude-libs), and a missing symbol fails the link, not the load
# (--no-undefined), unless CORDON_PLUGIN_ALLOW_UNDEFINED is set.
set(CORDON_PLUGIN_EXPORT_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/cordon-plugin.map")

function(cordon_plugin_rules target)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LINK_DEPENDS "${CORDON_PLUGIN_EXPORT_SCRIPT}")
  target_link_options(${target} PRIVATE
    "-Wl,--version-script=${CORDON_PLUGIN_EXPORT_SCRIPT}" "-Wl,--exclude-libs,ALL")
  if(NOT CORDON_PLUGIN_ALLOW_UNDEFINED)
    target_link_options(${target} PRIVATE -Wl,--no-undefined)
  endif()
endfunction()
