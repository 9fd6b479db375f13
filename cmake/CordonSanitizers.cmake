# CORDON_SANITIZE applies to every target so that plugins, host and tests agree
# on the runtime (a sanitized host loading unsanitized plugins misses their bugs).
if(CORDON_SANITIZE)
  add_compile_options(-fsanitize=${CORDON_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${CORDON_SANITIZE})
endif()
