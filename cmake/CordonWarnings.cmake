# Warnings for Cordon's own targets (never for third-party code).
function(cordon_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
    -Wno-sign-conversion $<$<COMPILE_LANGUAGE:CXX>:-Wnon-virtual-dtor -Wold-style-cast>)
  if(CORDON_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
