// Message bubbles (see message_bubble.hpp). Layouts are kept per message and width until the fonts
// change, so a frame lays out only messages it has not seen.
#include "views/message_bubble.hpp"

#include <imgui.h>

#include <algorithm>
#include <unordered_map>

#include "bidi_text.hpp"
#include "format.hpp"
#include "emoji_sequences.hpp"
#include "glyph_cache.hpp"
#include "links.hpp"
#include "theme.hpp"
#include "views/ui_kit.hpp"

namespace parley::web {

namespace {

constexpr float kAvatar = 28.0f;
constexpr float kPadX = 12.0f, kPadY = 7.0f;
constexpr float kGap = 10.0f;
constexpr float kMaxShare = 0.78f;
constexpr std::size_t kLinkButtons = 3;  // links of a message offered as buttons under it
constexpr std::size_t kLinkLabelBytes = 60;

struct Cached {
  TextLayout layout;
};
std::unordered_map<std::string, Cached> layouts;
std::uint64_t layouts_generation = 0;
std::uint64_t heights_generation = 0;
BubbleCoverage coverage;

float text_wrap(float width) { return std::max(60.0f, (width - kAvatar - 8) * kMaxShare - kPadX * 2); }

const TextLayout& layout_of(const Message& m, float wrap) {
  const std::uint64_t generation = glyph_cache().generation(Face::regular);  // message text is in it
  if (generation != layouts_generation || layouts.size() > 4000) {
    layouts.clear();
    layouts_generation = generation;
  }
  std::string key = m.id;
  key += '|';
  key += std::to_string(static_cast<int>(wrap));
  key += '|';
  key += std::to_string(m.text.size());
  auto found = layouts.find(key);
  if (found == layouts.end())
    found = layouts.emplace(std::move(key), Cached{layout_text(workspace_font(Face::regular), m.text, wrap, &emoji_sequences())}).first;
  return found->second.layout;
}

float files_height(const Message& m) {
  return static_cast<float>(m.attachments.size()) * (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y);
}

float meta_height() { return ImGui::GetTextLineHeight() + 4; }

float links_height(const Message& m) {
  return static_cast<float>(std::min(find_links(m.text).size(), kLinkButtons)) *
         (ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y);
}

// The first links of a message as buttons: a click opens the link in a new tab.
void draw_links(const Message& m, UiState& ui) {
  const std::vector<LinkSpan> links = find_links(m.text);
  for (std::size_t i = 0; i < links.size() && i < kLinkButtons; ++i) {
    std::string label = links[i].href;
    if (label.size() > kLinkLabelBytes) {
      std::size_t cut = kLinkLabelBytes;
      while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
      label = label.substr(0, cut) + "…";
    }
    ImGui::PushID(static_cast<int>(i));
    ImGui::PushID(m.id.c_str());
    if (ImGui::SmallButton(("↗ " + label).c_str())) ui.open_link = links[i].href;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Opens in a new tab");
    ImGui::PopID();
    ImGui::PopID();
    if (!ui.widgets.has("message.link")) ui.widgets.record_last_item("message.link");
  }
}

const char* delivery_text(Delivery d) {
  switch (d) {
    case Delivery::sending: return "sending…";
    case Delivery::delivered: return "✓ delivered";
    case Delivery::read: return "✓✓ read";
    case Delivery::error: return "⚠ not delivered";
    case Delivery::none: return "";
  }
  return "";
}

void draw_file(const Attachment& file, ImU32 text_color, ImU32 secondary, UiState& ui, Outbox& out) {
  ImGui::PushID(file.id.c_str());
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float y = p.y + (ImGui::GetFrameHeight() - ImGui::GetTextLineHeight()) * 0.5f;
  const std::string name = "▤ " + file.name;
  draw->AddText(ImVec2(p.x, y), text_color, name.c_str());
  float x = p.x + ImGui::CalcTextSize(name.c_str()).x + 8;
  const std::string size = format_size(file.size);
  draw->AddText(ImVec2(x, y), secondary, size.c_str());
  x += ImGui::CalcTextSize(size.c_str()).x + 8;
  ImGui::SetCursorScreenPos(ImVec2(x, p.y));
  if (ImGui::SmallButton("Open")) out.ask(OpenFile{file});
  ImGui::PopID();
  if (!ui.widgets.has("message.attachment")) ui.widgets.record_last_item("message.attachment");
  ui.widgets.record_last_item("message.attachment." + file.id);
  ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + ImGui::GetFrameHeight() + ImGui::GetStyle().ItemSpacing.y));
}

}  // namespace

bool bubble_metrics_changed() {
  const std::uint64_t generation = glyph_cache().generation(Face::regular);
  if (generation == heights_generation) return false;
  heights_generation = generation;
  return true;
}

const BubbleCoverage& bubble_coverage() { return coverage; }

float bubble_height(const Chat&, const Message& m, float width) {
  float text_h = 0;
  if (!m.text.empty() || m.attachments.empty()) text_h = layout_of(m, text_wrap(width)).height;
  return kPadY * 2 + meta_height() + text_h + files_height(m) + links_height(m) + kGap;
}

void draw_bubble(const ViewContext& view, const Chat& chat, const Message& m, float width, UiState& ui, Outbox& out,
                 bool& resend_recorded) {
  const Theme& t = theme();
  const bool client = m.from.kind == ActorKind::client;
  const bool me = m.from.is_agent() && m.from.id == view.agent_id;
  const ImU32 fill = me ? t.bubble_agent : client ? t.bubble_customer : t.bubble_colleague;
  const ImU32 ink = me ? t.on_accent : t.text;
  const ImU32 secondary = me ? t.bubble_agent_secondary : t.text_secondary;
  const float wrap = text_wrap(width);
  const bool has_text = !m.text.empty() || m.attachments.empty();
  const TextLayout empty;
  const TextLayout& layout = has_text ? layout_of(m, wrap) : empty;

  const std::string name = actor_display(view.state, chat, m.from);
  const std::string time = format_clock(m.at);
  const std::string status = m.delivery == Delivery::none ? std::string() : delivery_text(m.delivery);
  ImFont* bold = workspace_font(Face::bold);
  glyph_cache().want(Face::bold, name);
  const float name_w = bold->CalcTextSizeA(bold->FontSize, 1e9f, 0, name.c_str()).x;
  float meta_w = name_w + 8 + ImGui::CalcTextSize(time.c_str()).x;
  if (!status.empty()) meta_w += 8 + ImGui::CalcTextSize(status.c_str()).x;
  if (m.delivery == Delivery::error) meta_w += 8 + ImGui::CalcTextSize("↻ Resend").x + 8;
  float files_w = 0;
  for (const Attachment& f : m.attachments)
    files_w = std::max(files_w, ImGui::CalcTextSize(("▤ " + f.name + "  " + format_size(f.size) + "  Open").c_str()).x + 24);
  const float inner = std::min(std::max({layout.width, meta_w, files_w}), wrap + 40);
  const float bubble_w = inner + kPadX * 2;
  const float height = bubble_height(chat, m, width) - kGap;

  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  float x = origin.x + kAvatar + 8;
  if (me) x = origin.x + width - bubble_w;
  else draw_avatar(ImVec2(origin.x + kAvatar * 0.5f, origin.y + kAvatar * 0.5f), kAvatar * 0.5f, name);
  const ImVec2 top(x, origin.y), bottom(x + bubble_w, origin.y + height);
  draw->AddRectFilled(top, bottom, fill, 12.0f);
  if (client) draw->AddRect(top, bottom, t.border, 12.0f);

  // Name, time and delivery.
  float mx = x + kPadX;
  const float my = origin.y + kPadY;
  draw->AddText(bold, bold->FontSize, ImVec2(mx, my), ink, name.c_str());
  mx += name_w + 8;
  draw->AddText(ImVec2(mx, my), secondary, time.c_str());
  mx += ImGui::CalcTextSize(time.c_str()).x + 8;
  if (!status.empty()) {
    draw->AddText(ImVec2(mx, my), m.delivery == Delivery::error ? (me ? t.on_accent : t.danger) : secondary,
                  status.c_str());
    mx += ImGui::CalcTextSize(status.c_str()).x + 8;
  }
  if (m.delivery == Delivery::error) {
    ImGui::SetCursorScreenPos(ImVec2(mx, my - 2));
    ImGui::PushID(m.id.c_str());
    if (ImGui::SmallButton("↻ Resend")) out.send(ResendMessage{chat.id, m.id, Actor{ActorKind::agent, view.agent_id}});
    ImGui::PopID();
    ui.widgets.record_last_item("message.resend." + m.id);
    if (!resend_recorded) {
      ui.widgets.record_last_item("message.resend");
      resend_recorded = true;
    }
  }

  // The text, line by line in display order; right-to-left paragraphs aligned right.
  float ty = my + meta_height();
  ImFont* font = workspace_font(Face::regular);
  if (ImGui::GetFrameCount() != coverage.frame) coverage = BubbleCoverage{ImGui::GetFrameCount(), 0, 0};
  ++coverage.bubbles;
  for (const TextLine& line : layout.lines) {  // shaped text: Arabic is drawn in presentation forms
    glyph_cache().want(Face::regular, line.text);
    coverage.missing += glyph_cache().missing(Face::regular, line.text);
    const float lx = line.rtl ? x + bubble_w - kPadX - line.width : x + kPadX;
    if (!line.text.empty()) draw->AddText(font, font->FontSize, ImVec2(lx, ty), ink, line.text.c_str());
    ty += font->FontSize;
  }

  ImGui::SetCursorScreenPos(ImVec2(x + kPadX, ty));
  for (const Attachment& file : m.attachments) draw_file(file, ink, secondary, ui, out);
  draw_links(m, ui);
  ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + height));
  ImGui::Dummy(ImVec2(1, 1));
}

}  // namespace parley::web
