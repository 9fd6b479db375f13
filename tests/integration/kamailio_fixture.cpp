#include "kamailio_fixture.hpp"

#include <gtest/gtest.h>

#include <iostream>

namespace cordon::test {

Result<std::unique_ptr<Kamailio>> Kamailio::start(const KamailioOptions &options)
{
    auto server = demo::KamailioServer::start(options);
    if (!server) {
        return server.error();
    }
    return std::unique_ptr<Kamailio>(new Kamailio(std::move(*server)));
}

Kamailio::~Kamailio()
{
    server_->stop();
    if (::testing::Test::HasFailure()) {
        server_->keep_files();
        std::cerr << "---- Kamailio's log ----\n"
                  << server_->log_text() << "---- end of Kamailio's log; its files are kept in "
                  << server_->runtime_directory().string() << " ----\n";
    }
}

}  // namespace cordon::test
