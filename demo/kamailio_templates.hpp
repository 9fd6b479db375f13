// The texts of demo/kamailio/kamailio.cfg and tls.cfg, built into the
// library (kamailio_templates.cpp.in) so that `cordon demo` needs no source
// tree at run time.
#pragma once

#include <string_view>

namespace cordon::demo {

extern const std::string_view kamailio_cfg_template;
extern const std::string_view tls_cfg_template;

} // namespace cordon::demo
