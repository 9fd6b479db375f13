# What `cmake --install` puts in place beyond each target's own rules: the
# CMake package (lib/cmake/Cordon) and the pkg-config files. Every path is
# relative to the prefix, so the install can be moved or given --prefix.
include(CMakePackageConfigHelpers)

set(CORDON_CMAKE_PACKAGE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/Cordon")
set(CORDON_BOOST_MIN_VERSION 1.74)

install(TARGETS cordon_plugin_api EXPORT CordonPluginSdkTargets)
set_target_properties(cordon_plugin_api PROPERTIES EXPORT_NAME plugin_sdk)
install(EXPORT CordonPluginSdkTargets NAMESPACE Cordon:: DESTINATION ${CORDON_CMAKE_PACKAGE_DIR})
install(EXPORT CordonHostTargets NAMESPACE Cordon:: DESTINATION ${CORDON_CMAKE_PACKAGE_DIR})

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/package/CordonConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/CordonConfig.cmake
  INSTALL_DESTINATION ${CORDON_CMAKE_PACKAGE_DIR}
  NO_SET_AND_CHECK_MACRO)
# 0.x: a minor release may break the API, so only the same minor is compatible.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/CordonConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/package/CordonConfig.cmake
  ${PROJECT_BINARY_DIR}/package/CordonConfigVersion.cmake
  ${CMAKE_CURRENT_LIST_DIR}/CordonPluginSdk.cmake
  ${CMAKE_CURRENT_LIST_DIR}/CordonPluginRules.cmake
  ${CMAKE_CURRENT_LIST_DIR}/cordon-plugin.map
  DESTINATION ${CORDON_CMAKE_PACKAGE_DIR})

# pkg-config files find the prefix from their own place (${pcfiledir}).
set(CORDON_PKGCONFIG_DIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
file(RELATIVE_PATH CORDON_PC_PREFIX_FROM_PCDIR "/prefix/${CORDON_PKGCONFIG_DIR}" "/prefix")
string(REGEX REPLACE "/$" "" CORDON_PC_PREFIX_FROM_PCDIR "${CORDON_PC_PREFIX_FROM_PCDIR}")
foreach(pc cordon-host cordon-plugin)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/package/${pc}.pc.in ${PROJECT_BINARY_DIR}/package/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/package/${pc}.pc DESTINATION ${CORDON_PKGCONFIG_DIR})
endforeach()
