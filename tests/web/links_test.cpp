// Links in message text (web_client/links) and the reading view's content (web_client/reader).
#include <doctest/doctest.h>

#include "engine.hpp"
#include "links.hpp"
#include "reader.hpp"

using namespace parley;
using namespace parley::web;

TEST_CASE("web addresses in text: where they start and end, and what opens") {
  const std::string text = "See https://example.com/a?b=1, or www.shop.example/x (and http://x.y/(z)). mailto:no";
  const std::vector<LinkSpan> links = find_links(text);
  REQUIRE(links.size() == 3);
  CHECK(text.substr(links[0].begin, links[0].end - links[0].begin) == "https://example.com/a?b=1");
  CHECK(links[1].href == "https://www.shop.example/x");
  CHECK(links[2].href == "http://x.y/(z)");
  CHECK(find_links("nothing here, not even example.com or xhttps://a.b").empty());
  CHECK(find_links("https://").empty());
  CHECK(find_links("Ссылка: https://пример.рф/путь.").at(0).href == "https://пример.рф/путь");
  CHECK(find_links("<https://a.b/c>").at(0).href == "https://a.b/c");
}

TEST_CASE("link runs cover the whole text in order") {
  const auto runs = link_runs("go to https://a.b/c now");
  REQUIRE(runs.size() == 3);
  CHECK(runs[0] == std::pair<std::string, std::string>{"go to ", ""});
  CHECK(runs[1] == std::pair<std::string, std::string>{"https://a.b/c", "https://a.b/c"});
  CHECK(runs[2] == std::pair<std::string, std::string>{" now", ""});
  CHECK(link_runs("plain").size() == 1);
}

TEST_CASE("the reading view lists the latest messages with names, link runs and files") {
  State state;
  Timestamp at = *parse_rfc3339("2026-01-05T09:00:00Z");
  const auto run = [&](const Command& c) { REQUIRE(!handle(state, c, at += 1000).error); };
  GroupSettings accept;
  accept.routing = Routing::accept;
  run(CreateGroup{"sales", "Sales", accept});
  run(CreateAgent{"ann", "Ann Lee", "Ann", {"sales"}, kRoleOperator});
  run(SetAgentStatus{"ann", AgentStatus::online});
  run(StartChat{"c1", "sales", "Widget", "Bob", Actor{ActorKind::client, {}}});
  run(SendMessage{"c1", Actor{ActorKind::client, {}}, "Photo: https://img.example/p.png", {}});
  run(AcceptChat{"c1", "ann"});
  run(SendMessage{"c1", Actor{ActorKind::agent, "ann"}, "", {}, {Attachment{"f1", "label.png", "image/png", 2048}}});
  const Json view = reader_json(state, *state.find_chat("c1"), "ann");
  CHECK(view["title"] == "#1 Bob");
  REQUIRE(view["messages"].size() == 2);
  const Json& first = view["messages"][0];
  CHECK(first["client"] == true);
  CHECK(first["runs"] == Json::parse(R"([["Photo: ",""],["https://img.example/p.png","https://img.example/p.png"]])"));
  const Json& second = view["messages"][1];
  CHECK(second["mine"] == true);
  CHECK(second["runs"].empty());
  CHECK(second["files"][0]["name"] == "label.png");
  CHECK(second["files"][0]["type"] == "image/png");
}
