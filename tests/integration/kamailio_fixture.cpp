#include "tests/integration/kamailio_fixture.hpp"

#include <gtest/gtest.h>

#include <iostream>
#include <sstream>

namespace cordon::test {
namespace {

// Kamailio's reports of its own faults: memory corruption it detected, and
// processes of its own that a signal killed.
std::string own_faults(const std::string &log)
{
    std::istringstream lines(log);
    std::string line;
    std::string faults;
    while (std::getline(lines, line)) {
        if (line.find("BUG:") != std::string::npos || line.find("exited by a signal") != std::string::npos) {
            faults += line + "\n";
        }
    }
    return faults;
}

} // namespace

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
    // A test against a server that corrupted its own memory or lost a
    // process proves nothing, whatever it asserted.
    const std::string faults = own_faults(server_->log_text());
    EXPECT_TRUE(faults.empty()) << "Kamailio reported faults of its own:\n" << faults;
    if (::testing::Test::HasFailure()) {
        server_->keep_files();
        std::cerr << "---- Kamailio's log ----\n"
                  << server_->log_text() << "---- end of Kamailio's log; its files are kept in "
                  << server_->runtime_directory().string() << " ----\n";
    }
}

} // namespace cordon::test
