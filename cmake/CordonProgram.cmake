# cordon_install_program(<target>): an executable that ships in bin/ of the
# install, as it already sits in bin/ of the build tree. The install test
# (tests/install) checks that every program listed this way was installed.
function(cordon_install_program target)
  install(TARGETS ${target} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  set_property(GLOBAL APPEND PROPERTY CORDON_INSTALLED_PROGRAMS ${target})
endfunction()
