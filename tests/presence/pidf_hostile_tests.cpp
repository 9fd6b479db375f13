// One hostile document per refusal of read_pidf, each checked for the
// refusal it should meet (the message names the cause).
#include <gtest/gtest.h>

#include <string>

#include "presence/pidf_document.hpp"
#include "presence/pidf_limits.hpp"

namespace cordon::presence {
namespace {

const std::string open_presence = R"(<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@example.com">)";
const std::string open_tuple = R"(<tuple id="t"><status><basic>open</basic></status></tuple>)";

std::string presence_with(const std::string &inside) { return open_presence + inside + "</presence>"; }

std::string repeated(std::string_view text, std::size_t times)
{
    std::string out;
    out.reserve(text.size() * times);
    for (std::size_t i = 0; i < times; ++i) {
        out += text;
    }
    return out;
}

void expect_refused(std::string_view xml, std::string_view message_part)
{
    const auto read = read_pidf(xml);
    ASSERT_FALSE(read.ok()) << "accepted: " << xml.substr(0, 200);
    EXPECT_EQ(read.error().code, ErrorCode::malformed_input);
    EXPECT_NE(read.error().message.find(message_part), std::string::npos)
        << "message: " << read.error().message << "\nexpected to contain: " << message_part;
}

TEST(PidfHostile, TheBaselineIsAccepted)
{
    // The hostile documents below are variations of this one.
    EXPECT_TRUE(read_pidf(presence_with(open_tuple)).ok());
}

TEST(PidfHostile, OverTheSizeCapBeforeParsing)
{
    const std::string mebibyte_note = presence_with(open_tuple + "<note>" + std::string(1 << 20, 'a') + "</note>");
    expect_refused(mebibyte_note, "more than the limit of 16384");
    // One byte over is enough; the size is checked before anything else.
    std::string just_over(max_pidf_bytes + 1, ' ');
    expect_refused(just_over, "16385 bytes");
}

TEST(PidfHostile, BillionLaughsDoctype)
{
    std::string doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE presence [\n<!ENTITY lol \"lol\">\n";
    for (int level = 1; level <= 9; ++level) {
        doctype += "<!ENTITY lol" + std::to_string(level) + " \"" +
                   repeated("&lol" + (level == 1 ? std::string() : std::to_string(level - 1)) + ";", 10) + "\">\n";
    }
    doctype += "]>\n";
    expect_refused(doctype + presence_with(open_tuple + "<note>&lol9;</note>"), "DOCTYPE is not allowed");
}

TEST(PidfHostile, ExternalEntityDoctypeInAnyCase)
{
    expect_refused("<!doctype presence SYSTEM \"file:///etc/passwd\">" + presence_with(open_tuple), "DOCTYPE");
    expect_refused("<!ENTITY x SYSTEM \"file:///etc/passwd\">" + presence_with(open_tuple), "entity declaration");
}

TEST(PidfHostile, UndefinedEntityReferenceIsNotKeptAsText)
{
    expect_refused(presence_with(open_tuple + "<note>&lol9;</note>"), "other entities are not defined");
    expect_refused(presence_with(open_tuple + "<note>a & b</note>"), "'&' starts no character reference");
}

TEST(PidfHostile, DoctypeInsideACommentOrCdataIsText)
{
    // Skipped by the markup scan, so it does not refuse a harmless note.
    const auto read =
        read_pidf(presence_with(open_tuple + "<!-- <!DOCTYPE x> --><note><![CDATA[<!DOCTYPE &x;]]></note>"));
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_EQ(read->notes, std::vector<std::string>{"<!DOCTYPE &x;"});
}

TEST(PidfHostile, TenThousandDeepNestingIsOverTheSizeCap)
{
    const std::string deep = presence_with(repeated("<x:a xmlns:x='urn:x'>", 10000) + repeated("</x:a>", 10000));
    expect_refused(deep, "more than the limit");
}

TEST(PidfHostile, NestingDeeperThanTheCapWithinTheSizeCap)
{
    // presence is depth 1, so max_pidf_depth extension levels go one too deep.
    const std::string too_deep = presence_with(open_tuple + "<e xmlns='urn:x'>" + repeated("<e>", max_pidf_depth - 1) +
                                               repeated("</e>", max_pidf_depth - 1) + "</e>");
    expect_refused(too_deep, "nested deeper than 24");
    const std::string deepest = presence_with(open_tuple + "<e xmlns='urn:x'>" + repeated("<e>", max_pidf_depth - 2) +
                                              repeated("</e>", max_pidf_depth - 2) + "</e>");
    EXPECT_TRUE(read_pidf(deepest).ok());
}

TEST(PidfHostile, HundredThousandTuplesAreOverTheSizeCap)
{
    expect_refused(presence_with(repeated("<tuple id='t'><status/></tuple>", 100000)), "more than the limit");
}

TEST(PidfHostile, MoreTuplesThanTheCap)
{
    std::string tuples;
    for (std::size_t i = 0; i <= max_pidf_tuples; ++i) {
        tuples += "<tuple id='t" + std::to_string(i) + "'><status/></tuple>";
    }
    expect_refused(presence_with(tuples), "more than 64 tuples");
}

TEST(PidfHostile, MoreNotesThanTheCap)
{
    expect_refused(presence_with(repeated("<note>n</note>", max_pidf_notes + 1)), "more than 16 <note>");
    expect_refused(
        presence_with("<tuple id='t'><status/>" + repeated("<note>n</note>", max_pidf_notes + 1) + "</tuple>"),
        "more than 16 <note>");
}

TEST(PidfHostile, TextOverTheFieldCap)
{
    expect_refused(presence_with(open_tuple + "<note>" + std::string(max_pidf_text_bytes + 1, 'n') + "</note>"),
                   "1025 bytes of text");
    expect_refused(presence_with("<tuple id='" + std::string(max_pidf_text_bytes + 1, 'i') + "'><status/></tuple>"),
                   "tuple id: 1025 bytes");
}

TEST(PidfHostile, InvalidUtf8)
{
    expect_refused(presence_with(open_tuple + "<note>caf\xE9</note>"), "not UTF-8");      // Latin-1
    expect_refused(presence_with(open_tuple + "<note>\xC0\xBC</note>"), "not UTF-8");     // overlong '<'
    expect_refused(presence_with(open_tuple + "<note>\xED\xA0\x80</note>"), "not UTF-8"); // surrogate
    expect_refused(presence_with(open_tuple + "<note>&#xD800;</note>"), "<note>");        // one by reference
}

TEST(PidfHostile, ControlCharactersByReference)
{
    expect_refused(presence_with(open_tuple + "<note>bell&#7;</note>"), "control character (7)");
    expect_refused(presence_with(open_tuple + "<note>esc&#x1B;[2J</note>"), "control character (27)");
}

TEST(PidfHostile, DeclaredEncodingOtherThanUtf8)
{
    expect_refused("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + presence_with(open_tuple), "ISO-8859-1");
}

TEST(PidfHostile, NotWellFormed)
{
    expect_refused(open_presence + open_tuple, "not well-formed");
    expect_refused(presence_with("<tuple id='t'><status></tuple>"), "not well-formed");
    expect_refused("", "");
}

TEST(PidfHostile, RootMustBePresenceInThePidfNamespace)
{
    expect_refused(R"(<presence entity="sip:a@b"/>)", "not <presence> in urn:ietf:params:xml:ns:pidf");
    expect_refused(R"(<presence xmlns="urn:ietf:params:xml:ns:pidf:im" entity="sip:a@b"/>)", "namespace");
    expect_refused(R"(<presenc xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"/>)", "the root is <presenc>");
    expect_refused(R"(<Presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b"/>)", "the root is <Presence>");
}

TEST(PidfHostile, PidfPrefixBoundToAnotherNamespace)
{
    expect_refused(R"(<pidf:presence xmlns:pidf="urn:example:not-pidf" entity="sip:a@b"/>)", "not <presence>");
    // The name says pidf, the binding says otherwise: not a tuple, so none is read.
    const auto read =
        read_pidf(presence_with(R"(<pidf:tuple xmlns:pidf="urn:example:evil" id="x">)"
                                R"(<pidf:status><pidf:basic>open</pidf:basic></pidf:status></pidf:tuple>)"));
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_TRUE(read->tuples.empty());
}

TEST(PidfHostile, DefaultNamespaceRedeclaredInside)
{
    // The tuple's children are in urn:example:other, so it has no PIDF status.
    expect_refused(
        presence_with(R"(<tuple id="t"><status xmlns="urn:example:other"><basic>open</basic></status></tuple>)"),
        "tuple 't' has no <status>");
    // xmlns="" takes the tuple out of any namespace: not a PIDF tuple.
    const auto read = read_pidf(presence_with(R"(<tuple xmlns="" id="t"><status/></tuple>)"));
    ASSERT_TRUE(read.ok()) << read.error().message;
    EXPECT_TRUE(read->tuples.empty());
}

TEST(PidfHostile, UndeclaredOrMisusedPrefixes)
{
    expect_refused(presence_with(open_tuple + "<rpid:activities/>"), "prefix 'rpid' is not declared");
    expect_refused(presence_with(open_tuple + "<x y:z='1'/>"), "attribute prefix 'y' is not declared");
    expect_refused(presence_with(R"(<x xmlns:e=""/>)"), "bound to an empty namespace name");
    expect_refused(presence_with("<xmlns:x/>"), "reserved");
    expect_refused(presence_with("<a:b:c xmlns:a='urn:a'/>"), "not a qualified name");
}

TEST(PidfHostile, DuplicateAttributes)
{
    expect_refused(R"(<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="sip:a@b" entity="sip:mallory@b"/>)",
                   "attribute 'entity' appears twice");
    expect_refused(presence_with(R"(<x xmlns:a="urn:q" xmlns:b="urn:q" a:n="1" b:n="2"/>)"),
                   "appears twice in one namespace");
}

TEST(PidfHostile, TooManyAttributes)
{
    std::string attributes;
    for (std::size_t i = 0; i <= max_pidf_attributes; ++i) {
        attributes += " a" + std::to_string(i) + "='1'";
    }
    expect_refused(presence_with("<x" + attributes + "/>"), "more than 32 attributes");
}

TEST(PidfHostile, TwoRootsOrTextBesideTheRoot)
{
    expect_refused(presence_with(open_tuple) + presence_with(open_tuple), "2 root elements");
    expect_refused(presence_with(open_tuple) + "trailing", "top level");
    expect_refused("junk" + presence_with(open_tuple), "top level");
}

TEST(PidfHostile, EntityMissingOrNotAPresentityUri)
{
    expect_refused(R"(<presence xmlns="urn:ietf:params:xml:ns:pidf"/>)", "<presence> has no entity");
    for (const char *entity :
         {"http://example.com/a", "sip:", "alice@example.com", "sip:a b@c", "", "tel:+123", "sip:a@b&quot;&gt;"}) {
        expect_refused(std::string(R"(<presence xmlns="urn:ietf:params:xml:ns:pidf" entity=")") + entity + "\"/>",
                       "entity");
    }
}

TEST(PidfHostile, TupleWithoutIdOrWithAnIdTwice)
{
    expect_refused(presence_with("<tuple><status/></tuple>"), "a <tuple> without an id");
    expect_refused(presence_with("<tuple id='  '><status/></tuple>"), "a <tuple> without an id");
    expect_refused(presence_with("<tuple id='x'><status/></tuple><tuple id='x'><status/></tuple>"),
                   "two tuples have the id 'x'");
}

TEST(PidfHostile, TupleWithoutStatusOrWithTwo)
{
    expect_refused(presence_with("<tuple id='x'><contact>sip:a@b</contact></tuple>"), "tuple 'x' has no <status>");
    expect_refused(presence_with("<tuple id='x'><status/><status/></tuple>"), "more than one <status>");
    expect_refused(presence_with("<tuple id='x'><status><basic>open</basic><basic>closed</basic></status></tuple>"),
                   "more than one <basic>");
}

TEST(PidfHostile, BasicOtherThanOpenOrClosed)
{
    for (const char *basic : {"busy", "OPEN", "", "open closed"}) {
        expect_refused(
            presence_with(std::string("<tuple id='x'><status><basic>") + basic + "</basic></status></tuple>"),
            "not open or closed");
    }
    expect_refused(presence_with("<tuple id='x'><status><basic><b>open</b></basic></status></tuple>"),
                   "<basic> holds an element");
}

TEST(PidfHostile, ContactPriorityOutsideZeroToOne)
{
    for (const char *priority : {"1.5", "-0.1", "2", "0.1234", "1.001", ".5", "1.0000", "abc", "", "1e-1", "0x1"}) {
        expect_refused(presence_with(std::string("<tuple id='x'><status/><contact priority='") + priority +
                                     "'>sip:a@b</contact></tuple>"),
                       "contact priority");
    }
}

TEST(PidfHostile, ContactThatIsNotAUri)
{
    expect_refused(presence_with("<tuple id='x'><status/><contact>just text</contact></tuple>"), "not a URI");
    expect_refused(presence_with("<tuple id='x'><status/><contact/></tuple>"), "<contact>");
    expect_refused(presence_with("<tuple id='x'><status/><contact>sip:a@b</contact><contact>sip:c@d</contact></tuple>"),
                   "more than one <contact>");
}

} // namespace
} // namespace cordon::presence
