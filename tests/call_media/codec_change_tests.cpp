// A call's codec changes mid-call (a re-INVITE's answer picks another one):
// the stream builds a new pipeline, and the old codec's instance ends with
// it, in the sandbox as in process. Alternating codecs leaves one instance
// alive, of the codec in use, and none once the stream is gone.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>

#include "call_media/audio_stream.hpp"
#include "call_media/codec_choice.hpp"
#include "cordon/host/plugins.hpp"
#include "core/alive_count.hpp"

namespace cordon::call_media {
namespace {

using namespace std::chrono_literals;

class QuietLogger : public Logger {
public:
    void write(LogLevel, std::string_view, std::string_view) override {}
};

// A UDP socket on loopback that takes the stream's packets and never answers.
class Sink {
public:
    Sink() : fd_(socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0))
    {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof(address);
        EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr *>(&address), sizeof(address)), 0);
        EXPECT_EQ(getsockname(fd_, reinterpret_cast<sockaddr *>(&address), &length), 0);
        port_ = ntohs(address.sin_port);
    }
    ~Sink() { close(fd_); }
    Endpoint endpoint() const { return {"127.0.0.1", port_}; }

private:
    int fd_;
    std::uint16_t port_ = 0;
};

class CodecChange : public ::testing::TestWithParam<bool> {
protected:
    void SetUp() override
    {
        const std::filesystem::path builtin = CORDON_BUILTIN_PLUGIN_DIR;
        PluginSearch search{{builtin}, {builtin}, {}, {}};
        if (GetParam()) {
            search.sandboxed = {"*"};
        }
        plugins_ = PluginRegistry::load(search, logger_);
        ASSERT_TRUE(plugins_);
        opus_ = find_codec_for(*plugins_, "opus", 48000);
        pcmu_ = find_codec_for(*plugins_, "PCMU", 8000);
        ASSERT_TRUE(opus_ && pcmu_);
    }

    StreamPlan plan(const CodecPlugin *codec, const std::string &name, std::uint32_t clock_rate, std::uint32_t channels,
                    int payload_type) const
    {
        StreamPlan plan;
        plan.codec = codec;
        plan.encoding_name = name;
        plan.clock_rate = clock_rate;
        plan.channels = channels;
        plan.payload_type = payload_type;
        plan.remote_rtp = rtp_.endpoint();
        plan.remote_rtcp = rtcp_.endpoint();
        return plan;
    }

    void run_for(std::chrono::milliseconds duration)
    {
        loop_.restart();
        loop_.run_for(duration);
    }

    QuietLogger logger_;
    boost::asio::io_context loop_;
    std::unique_ptr<PluginRegistry> plugins_;
    const CodecPlugin *opus_ = nullptr;
    const CodecPlugin *pcmu_ = nullptr;
    Sink rtp_;
    Sink rtcp_;
    AliveCount streams_;
};

TEST_P(CodecChange, TheOldCodecsInstanceEndsWhenTheNewOneTakesOver)
{
    auto stream = AudioStream::open(loop_, "127.0.0.1", CallAudio{}, logger_, streams_.token());
    ASSERT_TRUE(stream) << stream.error().message;
    const StreamPlan with_opus = plan(opus_, "opus", 48000, 2, 111);
    const StreamPlan with_pcmu = plan(pcmu_, "PCMU", 8000, 1, 0);

    std::uint64_t sent = 0;
    for (int change = 0; change < 6; ++change) {
        const bool opus_now = change % 2 == 0;
        auto applied = (*stream)->apply(opus_now ? with_opus : with_pcmu);
        ASSERT_TRUE(applied) << "change " << change << ": " << applied.error().message;
        EXPECT_EQ(opus_->instances_alive(), opus_now ? 1u : 0u) << "change " << change;
        EXPECT_EQ(pcmu_->instances_alive(), opus_now ? 0u : 1u) << "change " << change;
        run_for(100ms);
        const MediaStats stats = (*stream)->stats();
        EXPECT_EQ(stats.codec, opus_now ? "opus" : "PCMU") << "change " << change;
        EXPECT_GT(stats.packets_sent, sent) << "change " << change << ": the new codec sent nothing";
        sent = stats.packets_sent;
    }
    EXPECT_EQ(streams_.now(), 1u);
    (*stream)->stop();
    stream->reset();
    EXPECT_EQ(streams_.now(), 0u);
    EXPECT_EQ(opus_->instances_alive(), 0u);
    EXPECT_EQ(pcmu_->instances_alive(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Isolation, CodecChange, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool> &parameter) {
                             return parameter.param ? "Sandboxed" : "InProcess";
                         });

} // namespace
} // namespace cordon::call_media
