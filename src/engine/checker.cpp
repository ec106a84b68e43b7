#include "engine/checker.h"

#include <re2/re2.h>

#include <algorithm>

#include "policy/taxonomy.h"
#include "text/utf8.h"

namespace grabli {

namespace {
bool listed(const std::vector<std::string>& list, std::string_view v) {
  return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
}
bool names_rule(std::string_view name, const Rule& r) { return name == r.full_id() || name == r.pack; }
// Drops the findings of fallback rules (Rule::fallback) whose category another rule found.
void drop_repeated_fallbacks(std::vector<Finding>& findings) {
  std::vector<std::string> said;  // categories a rule that is no fallback found (copies: erase_if moves)
  for (const auto& f : findings)
    if (!f.fallback) said.push_back(f.category);
  std::erase_if(findings, [&](const Finding& f) {
    return f.fallback && std::find(said.begin(), said.end(), f.category) != said.end();
  });
}

}  // namespace

bool answers_press(std::string_view message, const PressOutlets* team) {
  // A customer's complaint must never read as a journalist's: that would turn the customer-conflict
  // rules off. So outlets count only as the message's opening ("Bloomberg: …", «Известия»: …) or
  // in guillemets, and words that are also everyday ones (wired, the times, guardian, «на
  // Фонтанке», «ведомость», a photo «редактор», a «deadline») are left out. RE2's \b is
  // ASCII-only, so Cyrillic words get boundaries of their own (РИА is inside «материал»).
  static const RE2 re(
      R"re((?i)(?:\b(?:journalist|reporter|correspondent|newsroom|(?:editor|producer|writer) (?:at|for|of|here))\b)re"
      R"re(|\b(?:press|media) (?:inquiry|enquiry|request|query)\b|\bon deadline\b)re"
      R"re(|\bfor (?:a|an|our|my|the) (?:story|piece|article|feature|segment|column|podcast|newsletter)\b)re"
      R"re(|^[^\pL\pN]*(?:bloomberg|reuters|bbc|the guardian|financial times|ft|wsj|wall street journal)re"
      R"re(|new york times|nyt|techcrunch|the verge|cnbc|cnn|forbes|business insider|axios|politico)re"
      R"re(|associated press|ap|sky news|the telegraph|the independent|the bell))re"
      R"re((?: (?:russia|россия|uk|us|usa|india|europe|asia|africa|middle east))?\s*(?:[:,—–-]|here\b))re"
      R"re(|\b(?:bloomberg|reuters|bbc|ft|wsj|nyt|cnbc|cnn|techcrunch|axios|politico) here\b)re"
      R"re(|\b(?:from|with|for|at) (?:the )?(?:bloomberg|reuters|bbc|guardian|financial times|ft|wsj|wall street journal)re"
      R"re(|new york times|nyt|techcrunch|verge|cnbc|cnn|forbes|business insider|axios|politico|associated press)\b)re"
      R"re(|\bwriting (?:a|an) (?:story|piece|article|feature)\b)re"
      R"re(|журналист|корреспондент|телеканал|радиостанци|(?:городское|местное|региональное|областное) (?:тв|телевидение))re"
      R"re(|(?:здравствуйте|добрый (?:день|вечер)|доброе утро)[,!.]?\s+это «[^»]{2,40}»)re"
      R"re(|репорт[её]р|редакци|главн\pL* редактор|редактор (?:издания|журнала|газеты|канала|портала))re"
      R"re(|пресс-запрос|запрос (?:от |из )?сми|для (?:статьи|материала|публикации|сюжета|репортажа|заметки|выпуска|эфира))re"
      R"re(|(?:пишу|готовлю|делаю|пишем|готовим) (?:материал|статью|сюжет|репортаж|заметку|расследование))re"
      R"re(|(?:^|[^\pL])(?:рбк|тасс|риа|интерфакс|коммерсантъ?|коммерсанта|лента\.ру|газета\.ру|фонтанка\.ру)(?:[^\pL]|$))re"
      R"re(|«(?:ведомост|извести|фонтанк|новая газета|медуз|the bell|forbes)\pL*»)re"
      R"re(|^[^\pL\pN]*«[^»]{2,40}»\s*[:—–-]))re");
  return RE2::PartialMatch(re2::StringPiece(message.data(), message.size()), re) || (team && team->named_in(message));
}

bool addresses_press(std::string_view text) {
  // Only the opening is read, anchored, so a post that does not start like this costs a few
  // bytes of a DFA: «Журналисту «Городских новостей», …», «Уважаемая редакция, …», "Re your
  // inquiry about …", "A few reporters have asked about …". A post that merely mentions the press
  // later ("as reporters asked us last year") stays as it was.
  static const RE2 re(
      R"re((?i)^[^\pL\pN]{0,3}(?:)re"
      // «Уважаемая редакция», «Дорогие журналисты», «Журналисту «N»: …», «Коллеги-журналисты»
      R"re(уважаем\pL* (?:представител\pL* )?(?:редакци|журналист|коллеги-журналист|сми|пресс|корреспондент|репорт))re"
      R"re(|дорог\pL* (?:журналист|коллеги-журналист|сми))re"
      R"re(|коллеги[- ]журналист|журналист(?:у|ам|ке|кам)?(?:[^\pL]|$)|корреспондент(?:у|ам)(?:[^\pL]|$)|редакци(?:и|ям) «)re"
      // «Комментариев для вашего издания у нас нет», «Вашей редакции мы уже отвечали»
      R"re(|(?:\pL+ ){0,3}(?:для|от|с) ваш\pL* (?:издани|редакци|газет|сми|телеканал))re"
      // «Журналисты опять спрашивают про …»
      R"re(|(?:журналист(?:ы|ов)|сми|пресса|репорт[её]ры|корреспонденты|редакции)(?: \pL+){0,2} )re"
      R"re((?:спрашива|пиш|звон|интересу|просят|задают|атаку|донима|обрыва|засыпа))re"
      // «На ваш запрос из редакции: …»
      R"re(|(?:на|по) (?:ваш(?:ему|им|и)? )?(?:пресс-)?(?:запрос|вопрос)\pL* (?:из |от )?(?:журналист|сми|редакци|прессы|издани))re"
      R"re(|(?:dear|to the|to our|to all|hey) (?:reporters?|journalists?|editors?|press|media|newsroom)\b)re"
      // "A few reporters have asked about …"
      R"re(|(?:a few |some |several |many |the |our )?(?:reporters|journalists|the press|media outlets|outlets|editors))re"
      R"re((?: \w+){0,2} (?:have |has |keep |kept |are |were )?)re"
      R"re((?:asked|asking|calling|emailing|e-mailing|ringing|reaching out|requested|requesting|inquired|pestering|hounding)\b)re"
      // "Re your inquiry about …", "Re: the allegations in N's piece"
      R"re(|re:? (?:\S+ ){0,7}?(?:piece|article|story|report|inquiry|enquiry|request|question|coverage)s?\b))re");
  return RE2::PartialMatch(re2::StringPiece(text.data(), std::min<std::size_t>(text.size(), 400)), re);
}

PressOutlets::PressOutlets(const std::vector<std::string>& names) {
  std::string alt;
  for (const auto& name : names) {
    std::string quoted;
    bool space = false;
    for (std::size_t i = 0; i < name.size(); ++i) {
      const char c = name[i];
      if (c == ' ' || c == '\t') {
        space = !quoted.empty();
        continue;
      }
      if (space) quoted += "\\s+", space = false;
      quoted += RE2::QuoteMeta(std::string_view(&c, 1));
    }
    if (quoted.empty()) continue;
    if (!alt.empty()) alt += '|';
    alt += quoted;
  }
  if (alt.empty()) return;
  const std::string n = "(?:" + alt + ")";
  const std::string pattern = "(?i)(?:^[^\\pL\\pN]*" + n + R"re(\s*(?:[:,—–-]|(?:here|здесь)(?:[^\pL\pN]|$)))re" +
                              R"re(|(?:^|[^\pL\pN])(?:from|for|with|at|из|от|для) (?:the )?)re" + n + R"re((?:[^\pL\pN]|$))re" +
                              R"re(|(?:^|[^\pL\pN]))re" + n + R"re( (?:here|здесь)(?:[^\pL\pN]|$))re" +
                              "|[«\"„“]" + n + "[»\"“”])";
  RE2::Options o;
  o.set_log_errors(false);
  auto re = std::make_shared<const RE2>(pattern, o);
  if (re->ok()) re_ = std::move(re);
}

bool PressOutlets::named_in(std::string_view message) const {
  return re_ && RE2::PartialMatch(re2::StringPiece(message.data(), message.size()), *re_);
}

Checker::Checker(const Policy& policy, const RuleOverrides& overrides)
    : policy_(policy),
      spelling_suggestions_(overrides.spelling_suggestions),
      press_outlets_(overrides.press_outlets),
      lemmatizer_(policy.keys, policy.dictionaries, policy.vocabulary),
      analyzer_(lemmatizer_) {
  lemmatizer_.use_form_tables(overrides.form_tables, overrides.form_table_access);
  for (const auto& r : policy.rules) {
    bool on = r.enabled || overrides.include_disabled;
    for (const auto& d : overrides.disabled) on &= !names_rule(d, r);
    Level l = r.level;
    for (const auto& [name, lvl] : overrides.levels)
      if (names_rule(name, r)) l = lvl;
    enabled_.push_back(on);
    lang_mask_.push_back(lang_bits(r.languages));
    levels_.push_back(l);
  }
  trigger_rule_.assign(policy.phrases.size(), kNoRule);
  std::vector<std::uint8_t> needs_hit(policy.rules.size(), 0);
  has_hit_.assign(policy.rules.size(), 0);
  for (std::size_t i = 0; i < policy.matchers.size(); ++i) {
    const auto [first, last] = policy.matchers[i]->needs_phrase_hit();
    if (first >= last) continue;
    needs_hit[i] = 1;
    for (auto p = first; p < last && p < trigger_rule_.size(); ++p) trigger_rule_[p] = static_cast<std::uint32_t>(i);
  }
  for (std::size_t i = 0; i < policy.rules.size(); ++i)
    if (!needs_hit[i] && enabled_[i]) unconditional_.push_back(static_cast<std::uint32_t>(i));
}

bool Checker::applies(std::size_t i, const Post& post, Lang lang, bool press) const {
  const Rule& r = policy_.rules[i];
  if (!enabled_[i]) return false;
  switch (r.context) {
    case Rule::Context::any: break;
    case Rule::Context::reply:
      if (!post.is_reply()) return false;
      break;
    case Rule::Context::press:
      if (!press) return false;
      break;
    case Rule::Context::customer:
      if (press) return false;
      break;
  }
  if (!(lang_mask_[i] & lang_bit(lang))) return false;
  if (!r.roles.empty() && !post.role.empty() && !listed(r.roles, post.role)) return false;
  // An unknown role gets every role's rules (a pre-publish check should rather say too much),
  // but a channel's own rules (SMS segments, X's 280 characters) need that channel.
  if (!r.channels.empty() && !listed(r.channels, taxonomy::canonical_channel(post.channel))) return false;
  return true;
}

namespace {
Lang post_lang(const Post& post, const AnalyzedText& text) {
  if (post.lang == "ru") return Lang::ru;
  if (post.lang == "en") return Lang::en;
  return text.lang;
}
}  // namespace

std::vector<std::string> Checker::classifier_features(const Post& post) {
  analyzer_.analyze(post.text, text_, false);
  return Classifier::feature_names(post, text_, post_lang(post, text_));
}

std::vector<Finding> Checker::check(const Post& post) {
  std::vector<Finding> out;
  analyzer_.analyze(post.text, text_, true);
  const Lang lang = post_lang(post, text_);
  last_lang_ = lang;
  hits_.clear();
  policy_.phrases.find(text_, lemmatizer_, hits_);
  policy_.patterns.scan(text_, fired_, lang_bit(lang));
  for (auto r : hit_rules_) has_hit_[r] = 0;
  hit_rules_.clear();
  for (const auto& h : hits_)
    if (const auto r = h.phrase < trigger_rule_.size() ? trigger_rule_[h.phrase] : kNoRule; r != kNoRule && !has_hit_[r]) {
      has_hit_[r] = 1;
      hit_rules_.push_back(r);
    }
  const std::string_view channel = taxonomy::canonical_channel(post.channel);
  const bool press = post.reply_to ? answers_press(*post.reply_to, &press_outlets_) : addresses_press(post.text);
  classifier_.done = false;
  MatchContext ctx{post,    text_, lemmatizer_, hits_, fired_, channel, post.is_reply(), press, spelling_suggestions_,
                   lang,    &classifier_};
  // the rules to run, in rule order: those that need no hit, and those with one
  std::sort(hit_rules_.begin(), hit_rules_.end());
  auto next_always = unconditional_.begin();
  auto next_hit = hit_rules_.begin();
  bool any_fallback = false;
  while (next_always != unconditional_.end() || next_hit != hit_rules_.end()) {
    const std::uint32_t i = next_hit == hit_rules_.end() || (next_always != unconditional_.end() && *next_always < *next_hit)
                                ? *next_always++
                                : *next_hit++;
    if (!applies(i, post, lang, press)) continue;
    const std::size_t before = out.size();
    policy_.matchers[i]->match(ctx, policy_.rules[i], out);
    for (std::size_t k = before; k < out.size(); ++k) {
      out[k].level = levels_[i];
      if (policy_.rules[i].fallback) out[k].fallback = true, any_fallback = true;
    }
  }
  if (any_fallback) drop_repeated_fallbacks(out);
  if (!text_.invalid_utf8.empty()) {
    Finding f;
    f.rule = "grabli/invalid-utf8";
    f.category = "input";
    f.level = Level::info;
    f.start = text_.invalid_utf8.front();
    f.end = f.start + 1;
    f.message = std::to_string(text_.invalid_utf8.size()) +
                " invalid UTF-8 byte(s) were read as U+FFFD; the rest of the text was checked";
    f.suggestion = "Save the text as UTF-8.";
    out.push_back(std::move(f));
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return a.start != b.start ? a.start < b.start : a.rule < b.rule;
  });
  return out;
}

Position position_of(std::string_view text, std::uint32_t offset) {
  // Printers ask for one post's findings in order; resuming from the last answer keeps a long
  // post with many findings linear instead of quadratic.
  thread_local struct {
    const char* data = nullptr;
    std::size_t size = 0, reached = 0;  // `pos` is the position of byte `reached`
    Position pos;
  } last;
  if (offset > text.size()) offset = static_cast<std::uint32_t>(text.size());
  if (last.data != text.data() || last.size != text.size() || offset < last.reached)
    last = {text.data(), text.size(), 0, {}};
  Position p = last.pos;
  std::size_t i = last.reached;
  // columns count code points (an invalid byte is one); an offset inside a character lands on it
  Position at = p;
  while (i < offset) {
    if (text[i] == '\n') {
      ++p.line, p.column = 1, ++i;
    } else {
      ++p.column, i += utf8::decode(text, i).len;
    }
    if (i <= offset) at = p;
  }
  if (i > offset) {
    // stopped inside a character: report that character's own position
    last.reached = i;
    last.pos = p;
    return at;
  }
  last.reached = i;
  last.pos = p;
  return p;
}

}  // namespace grabli
