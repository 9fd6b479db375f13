// Real-world presence documents read into the model, and written back.
#include <gtest/gtest.h>

#include "presence/pidf_document.hpp"
#include "tests/presence/pidf_test_documents.hpp"

namespace cordon::presence {
namespace {

PidfDocument read_ok(std::string_view xml)
{
    auto document = read_pidf(xml);
    EXPECT_TRUE(document.ok()) << (document.ok() ? "" : document.error().message);
    return document.ok() ? *document : PidfDocument{};
}

TEST(PidfRead, Rfc3863FullExample)
{
    const PidfDocument document = read_ok(test::rfc3863_full);
    EXPECT_EQ(document.entity, "pres:someone@example.com");
    ASSERT_EQ(document.tuples.size(), 2u);
    const PresenceTuple &first = document.tuples[0];
    EXPECT_EQ(first.id, "bs35r9");
    EXPECT_EQ(first.basic, Basic::open);
    EXPECT_EQ(first.contact, "im:someone@mobilecarrier.net");
    ASSERT_TRUE(first.contact_priority.has_value());
    EXPECT_DOUBLE_EQ(*first.contact_priority, 0.8);
    EXPECT_EQ(first.note, "Don't Disturb Please!"); // the first note; the French one is dropped
    EXPECT_EQ(first.timestamp, "2001-10-27T16:49:29Z");
    const PresenceTuple &second = document.tuples[1];
    EXPECT_EQ(second.id, "eg92n8");
    EXPECT_DOUBLE_EQ(second.contact_priority.value_or(-1), 1.0);
    EXPECT_TRUE(second.note.empty());
    EXPECT_TRUE(second.timestamp.empty());
    EXPECT_EQ(document.notes, std::vector<std::string>{"I'll be in Tokyo next week"});
    EXPECT_EQ(overall_basic(document), Basic::open);
}

TEST(PidfRead, Rfc3863MinimalExample)
{
    const PidfDocument document = read_ok(test::rfc3863_minimal);
    ASSERT_EQ(document.tuples.size(), 1u);
    EXPECT_EQ(document.tuples[0].contact, "tel:+09012345678");
    EXPECT_TRUE(document.notes.empty());
}

TEST(PidfRead, KamailioBodyWithRpidAndDataModelExtensionsSkipped)
{
    const PidfDocument document = read_ok(test::kamailio_rpid);
    EXPECT_EQ(document.entity, "sip:bob@example.org");
    ASSERT_EQ(document.tuples.size(), 1u);
    EXPECT_EQ(document.tuples[0].basic, Basic::closed);
    EXPECT_EQ(document.tuples[0].contact, "sip:bob@192.0.2.4:5060;transport=tls");
    EXPECT_EQ(document.tuples[0].timestamp, "2026-11-27T10:15:00.123+01:00");
    EXPECT_FALSE(document.tuples[0].contact_priority.has_value());
    EXPECT_TRUE(document.notes.empty()) << "dm:note is the data model's, not a PIDF note";
    EXPECT_EQ(overall_basic(document), Basic::closed);
}

TEST(PidfRead, BaresipBodyWithCrLfLines)
{
    const PidfDocument document = read_ok(test::baresip_publish);
    ASSERT_EQ(document.tuples.size(), 1u);
    EXPECT_EQ(document.tuples[0].id, "t4109");
    EXPECT_EQ(document.tuples[0].note, "Away");
    EXPECT_EQ(document.tuples[0].contact, "sip:alice@example.com");
}

TEST(PidfRead, PrefixedPidfElementsAreRecognisedByNamespace)
{
    const PidfDocument document = read_ok(test::prefixed);
    EXPECT_EQ(document.entity, "sips:carol@example.net");
    ASSERT_EQ(document.tuples.size(), 1u);
    EXPECT_EQ(document.tuples[0].basic, Basic::open);
    EXPECT_EQ(document.notes, std::vector<std::string>{"from a prefixed document"});
}

TEST(PidfRead, StatusWithoutBasicIsUnknown)
{
    const PidfDocument document = read_ok(R"(<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b">)"
                                          R"(<tuple id="x"><status/></tuple></presence>)");
    ASSERT_EQ(document.tuples.size(), 1u);
    EXPECT_EQ(document.tuples[0].basic, Basic::unknown);
    EXPECT_EQ(overall_basic(document), Basic::unknown);
}

TEST(PidfRead, EscapesCdataAndWhitespaceAroundText)
{
    const PidfDocument document =
        read_ok("<presence xmlns='urn:ietf:params:xml:ns:pidf' entity=' sip:a@b '><tuple id='x'><status>"
                "<basic>\n  open\n</basic></status><note>  Tom &amp; Jerry &lt;3 <![CDATA[<b>&amp;</b>]]>\tend </note>"
                "</tuple><note>caf&#xE9; &#x1F3A7;</note></presence>");
    ASSERT_EQ(document.tuples.size(), 1u);
    EXPECT_EQ(document.entity, "sip:a@b");
    EXPECT_EQ(document.tuples[0].basic, Basic::open);
    EXPECT_EQ(document.tuples[0].note, "Tom & Jerry <3 <b>&amp;</b>\tend");
    EXPECT_EQ(document.notes, std::vector<std::string>{"caf\xC3\xA9 \xF0\x9F\x8E\xA7"});
}

TEST(PidfRead, UnknownElementsInThePidfNamespaceAndForeignAttributesAreSkipped)
{
    const PidfDocument document =
        read_ok(R"(<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:x="urn:example:x" entity="sip:a@b" x:flag="1">)"
                R"(<tuple id="t" x:id="other"><status><basic>open</basic><x:basic>closed</x:basic></status>)"
                R"(<x:contact>sip:evil@example.com</x:contact></tuple><future/></presence>)");
    ASSERT_EQ(document.tuples.size(), 1u);
    EXPECT_EQ(document.tuples[0].id, "t");
    EXPECT_EQ(document.tuples[0].basic, Basic::open);
    EXPECT_TRUE(document.tuples[0].contact.empty());
}

TEST(PidfRead, ContactPriorityIsAQvalue)
{
    const std::pair<const char *, double> priorities[] = {{"0", 0.0},     {"1", 1.0},       {"0.", 0.0},
                                                          {"1.", 1.0},    {"1.000", 1.0},   {"0.5", 0.5},
                                                          {"0.05", 0.05}, {"0.999", 0.999}, {" 0.25 ", 0.25}};
    for (const auto &[text, value] : priorities) {
        const PidfDocument document =
            read_ok(std::string(R"(<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b">)") +
                    "<tuple id='x'><status/><contact priority='" + text + "'>sip:a@b</contact></tuple></presence>");
        ASSERT_EQ(document.tuples.size(), 1u);
        EXPECT_DOUBLE_EQ(document.tuples[0].contact_priority.value_or(-1), value) << text;
    }
}

TEST(PidfRead, OverallBasic)
{
    PidfDocument document;
    EXPECT_EQ(overall_basic(document), Basic::unknown);
    document.tuples.push_back({"a", Basic::unknown, "", std::nullopt, "", ""});
    EXPECT_EQ(overall_basic(document), Basic::unknown);
    document.tuples.push_back({"b", Basic::closed, "", std::nullopt, "", ""});
    EXPECT_EQ(overall_basic(document), Basic::closed);
    document.tuples.push_back({"c", Basic::open, "", std::nullopt, "", ""});
    EXPECT_EQ(overall_basic(document), Basic::open);
}

class RealDocumentRoundTrip : public testing::TestWithParam<std::string_view> {};

TEST_P(RealDocumentRoundTrip, ReadWriteReadGivesTheSameDocument)
{
    const PidfDocument first = read_ok(GetParam());
    const std::string written = write_pidf(first);
    const PidfDocument second = read_ok(written);
    EXPECT_EQ(first, second) << written;
    EXPECT_EQ(write_pidf(second), written);
}

INSTANTIATE_TEST_SUITE_P(Documents, RealDocumentRoundTrip,
                         testing::Values(test::rfc3863_full, test::rfc3863_minimal, test::kamailio_rpid,
                                         test::baresip_publish, test::prefixed));

TEST(PidfWrite, DeclarationNamespaceAndSchemaOrder)
{
    const PidfDocument document{"sip:alice@example.com",
                                {{"t1", Basic::open, "sip:alice@192.0.2.1", 0.5, "here", "2026-11-27T10:00:00Z"}},
                                {"doc note"}};
    const std::string written = write_pidf(document);
    EXPECT_EQ(written.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u) << written;
    EXPECT_NE(written.find("<presence xmlns=\"urn:ietf:params:xml:ns:pidf\" entity=\"sip:alice@example.com\">"),
              std::string::npos);
    EXPECT_NE(written.find("<contact priority=\"0.500\">sip:alice@192.0.2.1</contact>"), std::string::npos);
    const auto position = [&](std::string_view tag) { return written.find(tag); };
    EXPECT_LT(position("<status>"), position("<contact"));
    EXPECT_LT(position("<contact"), position("<note>here"));
    EXPECT_LT(position("<note>here"), position("<timestamp>"));
    EXPECT_LT(position("</tuple>"), position("<note>doc note"));
}

TEST(PidfWrite, EscapesWhatWouldBeMarkup)
{
    const PidfDocument document{"sip:a&b@example.com;x=1",
                                {{"t<1>", Basic::closed, "", std::nullopt, "</note><basic>open</basic>", ""}},
                                {"a & b < c > d ' \" ]]> \xE2\x82\xAC"}};
    const std::string written = write_pidf(document);
    EXPECT_EQ(written.find("</note><basic>"), std::string::npos) << written;
    auto read = read_pidf(written);
    ASSERT_TRUE(read.ok()) << read.error().message << "\n" << written;
    EXPECT_EQ(*read, document);
}

TEST(PidfWrite, PrioritiesKeepThreeDecimals)
{
    for (const double priority : {0.0, 0.001, 0.25, 0.999, 1.0}) {
        const PidfDocument document{"pres:a@b", {{"t", Basic::open, "sip:a@b", priority, "", ""}}, {}};
        auto read = read_pidf(write_pidf(document));
        ASSERT_TRUE(read.ok()) << read.error().message;
        EXPECT_EQ(*read, document) << priority;
    }
}

} // namespace
} // namespace cordon::presence
