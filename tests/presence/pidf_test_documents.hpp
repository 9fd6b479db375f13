// Presence bodies as real clients and servers send them, written for these
// tests from the text of RFC 3863 (its examples), RFC 4479/4480 (data model
// and RPID, as Kamailio's presence_xml aggregates them) and the shape of
// baresip's PUBLISH body. Shared by the reader tests and the fuzz seeds.
#pragma once

#include <string_view>

namespace cordon::presence::test {

// RFC 3863 section 3.4: two tuples, an im: extension element inside
// <status>, notes in two languages, a document-level note.
inline constexpr std::string_view rfc3863_full = R"(<?xml version="1.0" encoding="UTF-8"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf"
          xmlns:im="urn:ietf:params:xml:ns:pidf:im"
          xmlns:myex="http://id.example.com/presence/"
          entity="pres:someone@example.com">
  <tuple id="bs35r9">
    <status>
      <basic>open</basic>
      <im:im>busy</im:im>
      <myex:location>home</myex:location>
    </status>
    <contact priority="0.8">im:someone@mobilecarrier.net</contact>
    <note xml:lang="en">Don't Disturb Please!</note>
    <note xml:lang="fr">Ne d&#233;rangez pas, s'il vous pla&#238;t</note>
    <timestamp>2001-10-27T16:49:29Z</timestamp>
  </tuple>
  <tuple id="eg92n8">
    <status>
      <basic>open</basic>
    </status>
    <contact priority="1.0">mailto:someone@example.com</contact>
  </tuple>
  <note>I'll be in Tokyo next week</note>
</presence>
)";

// RFC 3863 section 3.4's smallest document: one tuple, no declaration.
inline constexpr std::string_view rfc3863_minimal =
    R"(<presence xmlns="urn:ietf:params:xml:ns:pidf" entity="pres:someone@example.com">)"
    R"(<tuple id="sg89ae"><status><basic>open</basic></status>)"
    R"(<contact priority="0.8">tel:+09012345678</contact></tuple></presence>)";

// A NOTIFY body as Kamailio's presence_xml builds it from a PUBLISH: the
// data model's <dm:person> with RPID activities and a dm:note (not a PIDF
// note), the tuple closed, and a <dm:device>.
inline constexpr std::string_view kamailio_rpid = R"(<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" xmlns:c="urn:ietf:params:xml:ns:pidf:cipid" entity="sip:bob@example.org">
  <tuple id="t54bb0569">
    <status>
      <basic>closed</basic>
    </status>
    <contact>sip:bob@192.0.2.4:5060;transport=tls</contact>
    <timestamp>2026-11-27T10:15:00.123+01:00</timestamp>
  </tuple>
  <dm:person id="p65f3307a">
    <rpid:activities>
      <rpid:on-the-phone/>
    </rpid:activities>
    <dm:note>On the phone</dm:note>
    <c:display-name>Bob</c:display-name>
  </dm:person>
  <dm:device id="pc1">
    <rpid:user-input>idle</rpid:user-input>
    <dm:deviceID>urn:uuid:8a1b2c3d-0000-4000-8000-000000000001</dm:deviceID>
  </dm:device>
</presence>
)";

// baresip's PUBLISH body: the person first, then one tuple, no whitespace.
inline constexpr std::string_view baresip_publish =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
    "<presence xmlns=\"urn:ietf:params:xml:ns:pidf\"\r\n"
    "    xmlns:dm=\"urn:ietf:params:xml:ns:pidf:data-model\"\r\n"
    "    xmlns:rpid=\"urn:ietf:params:xml:ns:pidf:rpid\"\r\n"
    "    entity=\"sip:alice@example.com\">\r\n"
    "<dm:person id=\"p4159\"><rpid:activities><rpid:away/></rpid:activities></dm:person>\r\n"
    "<tuple id=\"t4109\"><status><basic>open</basic></status>"
    "<contact>sip:alice@example.com</contact><note>Away</note></tuple>\r\n"
    "</presence>\r\n";

// Every PIDF element under a prefix, the default namespace left unused.
inline constexpr std::string_view prefixed =
    R"(<?xml version="1.0"?><p:presence xmlns:p="urn:ietf:params:xml:ns:pidf" entity="sips:carol@example.net">)"
    R"(<p:tuple id="a1"><p:status><p:basic>open</p:basic></p:status></p:tuple>)"
    R"(<p:note>from a prefixed document</p:note></p:presence>)";

} // namespace cordon::presence::test
