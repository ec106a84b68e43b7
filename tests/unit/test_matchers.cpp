#include <catch2/catch.hpp>

#include <functional>
#include <random>

#include "helpers.h"
#include "match/spans.h"

using namespace grabli;
using grabli::test::errors_of;
using grabli::test::fired;
using grabli::test::policy_from;

namespace {
std::string rule(const std::string& kind_lines, const std::string& extra = "") {
  return "pack: t\nrules:\n  - id: r\n    category: customer-conflict\n    message: m\n" + extra +
         "    examples: {bad: [\"x\"], good: [\"y\"]}\n" + kind_lines;
}
bool fires(const Policy& p, const std::string& text, const std::string& role = "", const std::string& channel = "",
           std::optional<std::string> reply = std::nullopt) {
  auto f = fired(p, text, role, channel, std::move(reply));
  return std::find(f.begin(), f.end(), "t/r") != f.end();
}
// The text of the one finding a post gets (REQUIRE: exactly one).
std::string only_match(const Policy& p, const std::string& text) {
  Checker c(p);
  Post post;
  post.text = text;
  const auto f = c.check(post);
  REQUIRE(f.size() == 1);
  return text.substr(f[0].start, f[0].end - f[0].start);
}
}  // namespace

TEST_CASE("phrase: a lemma matches its inflected forms") {
  GRABLI_NEED_DICTIONARIES();
  auto p = policy_from(rule("    kind: phrase\n    phrases: [\"подложить\", \"виноватый\"]\n"));
  CHECK(fires(*p, "Вы это подложили"));
  CHECK(fires(*p, "она подложила"));
  CHECK(fires(*p, "Вы виноваты"));
  CHECK_FALSE(fires(*p, "Мы положили"));
}

TEST_CASE("phrase: case, ё and look-alike letters do not hide a word") {
  auto p = policy_from(rule("    kind: phrase\n    phrases: [\"обман\"]\n"));
  CHECK(fires(*p, "ОБМАН!"));
  CHECK(fires(*p, "это oбман"));  // Latin o
  CHECK_FALSE(fires(*p, "обманка"));
}

TEST_CASE("phrase: quoted words match the exact form only") {
  GRABLI_NEED_DICTIONARIES();
  auto p = policy_from(rule("    kind: phrase\n    phrases: ['\"вы\" сами']\n"));
  CHECK(fires(*p, "вы сами"));
  CHECK_FALSE(fires(*p, "вас самих"));
}

TEST_CASE("phrase: gaps and wildcards") {
  auto p = policy_from(rule("    kind: phrase\n    phrases: [\"читайте ... условия\", \"calm * down\"]\n"));
  CHECK(fires(*p, "читайте внимательно наши условия"));
  CHECK(fires(*p, "читайте условия"));
  CHECK_FALSE(fires(*p, "читайте один два три четыре условия"));
  CHECK(fires(*p, "calm right down"));
  CHECK_FALSE(fires(*p, "calm down"));
}

TEST_CASE("phrase: never crosses a sentence boundary") {
  auto p = policy_from(rule("    kind: phrase\n    phrases: [\"сам ... виноват\"]\n"));
  CHECK_FALSE(fires(*p, "Я сам. Виноват не я"));
}

TEST_CASE("phrase: alternatives of different lengths") {
  auto p = policy_from(rule("    kind: phrase\n    phrases: [\"из-за|из вас\"]\n"));
  CHECK(fires(*p, "всё из-за вас"));
  CHECK(fires(*p, "один из вас"));
}

TEST_CASE("phrase: many phrases that share first words find what a plain matcher finds") {
  // The index skips a candidate whose next token cannot be its second word; this compares it
  // with a direct reading of the phrase grammar (a word, `*` one word, `...` zero to three
  // words, never across a sentence), on random phrases and texts over a few non-words.
  const std::vector<std::string> vocab{"zorb", "quix", "vlem", "trog", "snib", "wuft",
                                       "plar", "greb", "fosk", "mirt", "dwex", "yulp"};
  std::mt19937 rng(20261204);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  struct El {
    char kind;  // 'w' word, '*' any, '.' gap
    std::vector<std::string> words;
  };
  std::vector<std::vector<El>> phrases;
  std::string yaml = "pack: t\nrules:\n";
  for (int r = 0; r < 90; ++r) {
    std::vector<El> ph{{'w', {vocab[pick(3)]}}};  // three first words: many candidates each
    const std::size_t more = 1 + pick(2);
    for (std::size_t e = 0; e < more; ++e) {
      if (e + 1 < more && pick(4) == 0) ph.push_back({pick(2) ? '.' : '*', {}});
      El w{'w', {}};
      for (std::size_t a = 0, n = 1 + pick(r % 9 == 0 ? 12 : 4); a < n; ++a) w.words.push_back(vocab[pick(vocab.size())]);
      // no alternative of the word before (the loader refuses that as a '|' written between phrases)
      if (ph.back().kind == 'w') {
        const auto& prev = ph.back().words;
        std::erase_if(w.words, [&](const std::string& x) { return std::find(prev.begin(), prev.end(), x) != prev.end(); });
        for (std::size_t k = 0; w.words.empty(); ++k)
          if (std::find(prev.begin(), prev.end(), vocab[k]) == prev.end()) w.words.push_back(vocab[k]);
      }
      ph.push_back(w);
    }
    std::string text;
    for (const auto& el : ph) {
      if (!text.empty()) text += ' ';
      if (el.kind == '.') text += "...";
      else if (el.kind == '*') text += '*';
      else
        for (std::size_t a = 0; a < el.words.size(); ++a) text += (a ? "|" : "") + el.words[a];
    }
    yaml += "  - id: r" + std::to_string(r) + "\n    category: customer-conflict\n    message: m\n" +
            "    examples: {bad: [\"x\"], good: [\"y\"]}\n    kind: phrase\n    phrases: [\"" + text + "\"]\n";
    phrases.push_back(ph);
  }
  auto p = policy_from(yaml);
  using Sentence = std::vector<std::string>;
  std::function<bool(const std::vector<El>&, std::size_t, const Sentence&, std::size_t)> at =
      [&](const std::vector<El>& ph, std::size_t e, const Sentence& s, std::size_t t) -> bool {
    if (e == ph.size()) return true;
    if (ph[e].kind == '.') {
      for (std::size_t skip = 0; skip <= 3 && t + skip <= s.size(); ++skip)
        if (at(ph, e + 1, s, t + skip)) return true;
      return false;
    }
    if (t >= s.size()) return false;
    if (ph[e].kind == 'w' && std::find(ph[e].words.begin(), ph[e].words.end(), s[t]) == ph[e].words.end())
      return false;
    return at(ph, e + 1, s, t + 1);
  };
  for (int n = 0; n < 400; ++n) {
    std::vector<Sentence> sentences(1);
    std::string text;
    for (std::size_t w = 0, len = 2 + pick(12); w < len; ++w) {
      if (w && pick(6) == 0) {
        text += ".";
        sentences.emplace_back();
      }
      sentences.back().push_back(vocab[pick(vocab.size())]);
      text += (text.empty() ? "" : " ") + sentences.back().back();
    }
    std::vector<std::string> want;
    for (std::size_t r = 0; r < phrases.size(); ++r) {
      bool hit = false;
      for (const auto& s : sentences)
        for (std::size_t t = 0; t < s.size() && !hit; ++t) hit = at(phrases[r], 0, s, t);
      if (hit) want.push_back("t/r" + std::to_string(r));
    }
    auto got = fired(*p, text);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    got.erase(std::unique(got.begin(), got.end()), got.end());
    INFO(text);
    CHECK(got == want);
  }
}

TEST_CASE("phrase: unless in the same sentence cancels a hit") {
  auto p = policy_from(rule("    kind: phrase\n    phrases: [\"лучший\"]\n    unless: [\"по данным\"]\n"));
  CHECK(fires(*p, "Лучший провайдер!"));
  CHECK_FALSE(fires(*p, "Лучший провайдер по данным рейтинга."));
  CHECK(fires(*p, "По данным рейтинга мы в топе. Лучший провайдер!"));
}

TEST_CASE("pattern: word patterns match whole normalised words") {
  auto p = policy_from(rule("    kind: pattern\n    word: true\n    pattern: 'х[у*][йяеи*]\\pL*'\n"));
  CHECK(fires(*p, "да ну нахуй... ХУЙНЯ"));
  CHECK(fires(*p, "х*й"));
  CHECK(fires(*p, "х у й"));
  CHECK_FALSE(fires(*p, "хуже некуда, художник"));
}

TEST_CASE("pattern: a word pattern's answer per distinct word holds across posts and cache trims") {
  auto p = policy_from(rule("    kind: pattern\n    word: true\n    pattern: 'х[у*][йяеи*]\\pL*'\n"));
  Checker c(*p);
  auto count = [&](const std::string& text) {
    Post post;
    post.text = text;
    int n = 0;
    for (const auto& f : c.check(post)) n += f.rule == "t/r";
    return n;
  };
  CHECK(count("хуже, чем хуйня") == 1);
  CHECK(count("хуйня хуже") == 1);  // the same words: answered from their cache slots
  CHECK(count("хуйня хуйня") == 2);  // one finding per word, as before
  // after a trim the slots belong to other words: «хуйня» now takes the slot «хуже» had
  c.lemmatizer().trim_caches(0);
  CHECK(count("хуйня") == 1);
}

TEST_CASE("pattern: spans map back to the original text") {
  auto p = policy_from(rule("    kind: pattern\n    pattern: 'no comment'\n"));
  CHECK(only_match(*p, "We have NO  COMMENT? No comment.") == "No comment");
}

TEST_CASE("require: a trigger without its companion fires and names what is missing") {
  auto p = policy_from(rule(
      "    kind: require\n    trigger: [\"скидка\"]\n    requires:\n      - {name: «Реклама», phrases: [\"реклама\"]}\n"
      "      - {name: erid, pattern: 'erid'}\n"));
  CHECK(fires(*p, "Скидка 50%!"));
  CHECK(fires(*p, "Реклама. Скидка 50%!"));
  CHECK_FALSE(fires(*p, "Реклама. erid: 2Vtzq. Скидка 50%!"));
  Checker c(*p);
  Post post;
  post.text = "Реклама. Скидка!";
  auto f = c.check(post);
  REQUIRE(f.size() == 1);
  CHECK(f[0].message.find("missing: erid") != std::string::npos);
}

TEST_CASE("require: unless cancels a trigger in its sentence, or in the post") {
  auto p = policy_from(rule(
      "    kind: require\n    trigger: [\"скидка\"]\n    trigger_pattern: '-\\d+%'\n"
      "    requires:\n      - {name: «Реклама», phrases: [\"реклама\"]}\n"
      "    unless: [\"сотрудник\"]\n"));
  CHECK(fires(*p, "Скидка 50%!"));
  CHECK_FALSE(fires(*p, "Скидка сотрудникам 50%."));
  CHECK_FALSE(fires(*p, "Сотрудникам -20%."));  // the pattern's match is cancelled too
  // a trigger in another sentence still counts, and the finding is there
  CHECK(only_match(*p, "Скидка сотрудникам. А для вас скидка 10%!") == "скидка");
  auto whole = policy_from(rule(
      "    kind: require\n    trigger: [\"скидка\"]\n    requires:\n      - {name: «Реклама», phrases: [\"реклама\"]}\n"
      "    unless: [\"сотрудник\"]\n    unless_scope: post\n"));
  CHECK_FALSE(fires(*whole, "Скидка 10%! Только для сотрудников."));
  CHECK(fires(*whole, "Скидка 10%! Только для вас."));
}

TEST_CASE("limit: characters per channel") {
  auto p = policy_from(rule("    kind: limit\n    limit: chars\n    max: {twitter: 10}\n"));
  CHECK(fires(*p, "ёёёёёёёёёёё", "", "twitter"));  // 11 characters, 22 bytes
  CHECK_FALSE(fires(*p, "ёёёёёёёёёё", "", "twitter"));
  CHECK_FALSE(fires(*p, "ёёёёёёёёёёёёёёё", "", "telegram"));
  // a channel named in the policy as posts may name it: `x` and `tweet` are twitter
  auto x = policy_from(rule("    kind: limit\n    limit: chars\n    max: {x: 10, default: 12}\n"));
  CHECK(fires(*x, "ёёёёёёёёёёё", "", "twitter"));
  CHECK(fires(*x, "ёёёёёёёёёёё", "", "tweet"));
  CHECK_FALSE(fires(*x, "ёёёёёёёёёёё", "", "telegram"));  // the default, 12
  CHECK(fires(*x, "ёёёёёёёёёёёёё", "", "telegram"));
}

TEST_CASE("limit: exclamation marks, hashtags and capitals") {
  auto ex = policy_from(rule("    kind: limit\n    limit: exclamations\n    max: 2\n"));
  CHECK(fires(*ex, "Да! Да! Да!"));
  CHECK_FALSE(fires(*ex, "Да! Да!"));
  auto tags = policy_from(rule("    kind: limit\n    limit: hashtags\n    max: 1\n"));
  CHECK(fires(*tags, "#one #two"));
  CHECK_FALSE(fires(*tags, "#one issue#2"));
  auto caps = policy_from(rule("    kind: limit\n    limit: caps\n    max: 50\n"));
  CHECK(fires(*caps, "ВСЕ НА РАСПРОДАЖУ ПРЯМО СЕЙЧАС СРОЧНО"));
  CHECK_FALSE(fires(*caps, "Все на распродажу прямо сейчас, срочно"));
}

TEST_CASE("limit: links and mentions start a word") {
  auto links = policy_from(rule("    kind: limit\n    limit: links\n    max: 1\n"));
  CHECK(fires(*links, "см. http://a.ru и https://b.ru"));
  CHECK(fires(*links, "see www.a.com (www.b.com)"));
  CHECK(fires(*links, "https://a.ru\nhttp://b.ru"));
  CHECK_FALSE(fires(*links, "see https://a.ru, the whttp://b.ru and wwww.c"));
  CHECK_FALSE(fires(*links, "http and www. are not links; https://a.ru is"));
  auto mentions = policy_from(rule("    kind: limit\n    limit: mentions\n    max: 1\n"));
  CHECK(fires(*mentions, "@anna и @boris"));
  CHECK_FALSE(fires(*mentions, "@anna, mail me at anna@example.com"));
}

TEST_CASE("pii: phones, cards with Luhn, e-mails, toll-free and company mailboxes allowed") {
  auto p = policy_from(rule("    kind: pii\n    detect: [phone, email, card, snils, inn, passport]\n"));
  CHECK(fires(*p, "ваш номер +7 (903) 555-12-34"));
  CHECK(fires(*p, "call 415-555-0199"));
  CHECK_FALSE(fires(*p, "звоните 8-800-555-35-35"));
  CHECK_FALSE(fires(*p, "call 1-800-555-0199"));
  CHECK(fires(*p, "карта 4276 3800 1234 5679"));       // Luhn-valid
  CHECK_FALSE(fires(*p, "заказ 4276 3800 1234 5678"));  // Luhn-invalid
  CHECK(fires(*p, "your email tom.h@example.com"));
  CHECK_FALSE(fires(*p, "write to support@example.com"));
  CHECK_FALSE(fires(*p, "our billing team: billing@example.co.uk"));
  CHECK_FALSE(fires(*p, "для юрлиц — b2b@vezu.ru, опт: opt@vezu.ru"));
  CHECK_FALSE(fires(*p, "forward it to phishing@harbormart.com and delete it"));  // where fraud is reported
  CHECK(fires(*p, "your address billy@example.co.uk"));
  CHECK_FALSE(fires(*p, "email guestcare@harborview.com or quality@clinic.ru"));
  CHECK_FALSE(fires(*p, "ask at reception or email records@brightsmile.co.uk"));
  CHECK(fires(*p, "her address macarena.lopez@gmail.com"));
  // the UK's freephone and 03 numbers belong to organisations; its mobiles and 01/02 numbers do not
  CHECK_FALSE(fires(*p, "call us on 0345 600 1234"));
  CHECK_FALSE(fires(*p, "freephone 0800 123 4567 or +44 800 123 4567"));
  CHECK(fires(*p, "her mobile 07700 900123"));
  CHECK(fires(*p, "ring him on 020 7946 0018"));
  CHECK_FALSE(fires(*p, "Need help? Our support line is +44 20 7946 0000, we're here 24/7."));
  CHECK_FALSE(fires(*p, "Call reception on 020 7946 0000 to book."));
  CHECK_FALSE(fires(*p, "Пресс-служба на связи: +7 812 300-40-50."));
  CHECK_FALSE(fires(*p, "Горячая линия банка: +7 495 123-45-67, звоните круглосуточно."));
  CHECK(fires(*p, "Клиент оставил номер +7 903 555-12-34, перезвоним ему."));
  CHECK(fires(*p, "СНИЛС 112-233-445 95"));
  CHECK_FALSE(fires(*p, "СНИЛС 112-233-445 96"));
  CHECK(fires(*p, "паспорт 45 06 123456"));
  CHECK(fires(*p, "Оставили паспорт: серия 4512, номер 738291, Кузнецов Андрей."));
  CHECK(fires(*p, "паспорт серии 4512 № 738291"));
  CHECK_FALSE(fires(*p, "Заказ 4512, номер 738291 — уже в пути."));
  CHECK_FALSE(fires(*p, "артикул 45 06 123456"));
}

// Each detector runs only on posts with at least as many digits as its smallest match: these
// posts hold no digit but their number's (the ИНН and the one-digit address exactly the least).
TEST_CASE("pii: a post with only the digits of one number still runs its detector") {
  auto p = policy_from(rule("    kind: pii\n    detect: [phone, inn, address, card]\n"));
  CHECK(fires(*p, "ИНН клиента 500100732259"));               // 12 digits
  CHECK_FALSE(fires(*p, "ИНН клиента 500100732258"));         // checksum wrong
  CHECK(fires(*p, "call me at +44 20 7946 0958"));             // 12 digits, international
  CHECK(fires(*p, "доставка: ул. Ленина, д. 5, кв. 1"));      // 2 digits
  CHECK(fires(*p, "she lives at 7 Baker Street"));              // 1 digit
  CHECK_FALSE(fires(*p, "в 1999 году на улице было 5 домов"));
  CHECK(fires(*p, "карта 4276380012345679"));                  // 16 digits, no separators
}

TEST_CASE("pii: allow list for the company's own numbers") {
  auto p = policy_from(rule("    kind: pii\n    detect: [phone]\n    allow: ['74951234567']\n"));
  CHECK_FALSE(fires(*p, "наш офис: +7 495 123-45-67"));
  CHECK(fires(*p, "ваш: +7 495 123-45-68"));
}

TEST_CASE("tone: cues add up to the threshold, softening cues lower the score") {
  auto p = policy_from(rule(R"(    kind: tone
    threshold: 3
    reply_threshold: 2
    cues:
      - {name: blame, weight: 2, phrases: ['"вы" сами']}
      - {name: dismiss, weight: 1, phrases: ["успокойтесь"]}
      - {name: apology, weight: -2, phrases: ["извинить|простить"]}
)"));
  CHECK_FALSE(fires(*p, "Вы сами."));
  CHECK(fires(*p, "Вы сами. Успокойтесь."));
  CHECK(fires(*p, "Вы сами.", "", "", std::string("Болт в пакете")));
  CHECK_FALSE(fires(*p, "Извините, вы сами. Успокойтесь."));
  Checker c(*p);
  Post post;
  post.text = "Успокойтесь, вы сами виноваты.";
  auto f = c.check(post);
  REQUIRE(f.size() == 1);
  CHECK(f[0].cues == std::vector<std::string>{"blame", "dismiss"});
  CHECK(post.text.substr(f[0].start, f[0].end - f[0].start) == "Успокойтесь");
}

TEST_CASE("context: press and customer follow whom the reply answers") {
  CHECK(answers_press("Journalist here: is it true your CEO is leaving?"));
  CHECK(answers_press("Hi, I'm a reporter at the Guardian. Can you respond?"));
  CHECK(answers_press("Bloomberg: are you in talks to sell the unit?"));
  CHECK(answers_press("«Известия»: когда вернёте деньги дольщикам?"));
  CHECK(answers_press("Добрый день, это РБК. Подтверждаете обыски?"));
  CHECK(answers_press("Здравствуйте, я корреспондент, пишу материал о ценах"));
  CHECK_FALSE(answers_press("Где мой заказ? Третий раз пишу, верните деньги"));
  CHECK_FALSE(answers_press("Прислали не тот материал для штор"));  // «риа» inside a word is no outlet
  CHECK_FALSE(answers_press("My video editor app crashes since the update"));
  CHECK_FALSE(answers_press("Apple: why is my order late?"));
  // a customer's words that look like a newsroom's must stay a customer's
  CHECK_FALSE(answers_press("Заказал «Пиццу Маргарита», а привезли холодную"));
  CHECK_FALSE(answers_press("Ваш магазин на Фонтанке опять закрыт"));
  CHECK_FALSE(answers_press("Получил известие о доставке, а посылки нет"));
  CHECK_FALSE(answers_press("Wired the money twice and still no refund"));
  CHECK_FALSE(answers_press("The times I've called you, nobody answers"));
  CHECK_FALSE(answers_press("The deadline is today for my visa, where is my passport?"));
  CHECK_FALSE(answers_press("Редактор фото в приложении не сохраняет"));
  CHECK(answers_press("Reuters here — can you confirm the outage?"));
  CHECK(answers_press("The Bell: подтверждаете ли вы утечку?"));
  CHECK(answers_press("Hi, Sarah from the Guardian — can you confirm the recall?"));
  CHECK(answers_press("I'm writing a piece on your delayed IPO, could we get a quote?"));
  CHECK(answers_press("Здравствуйте, это «Деловой Петербург». Правда ли, что склад закрыт?"));
  CHECK_FALSE(answers_press("Это «Маргарита», а я заказывал «Пепперони»!"));
  CHECK(answers_press("Журналист «Фонтанки»: как прокомментируете?"));
  CHECK(answers_press("Это «Ведомости». Что произошло с сетью?"));
  CHECK(answers_press("Forbes Russia: как вы прокомментируете иск ФАС?"));  // an edition's country
  CHECK(answers_press("Меня зовут Ирина, пишу материал о задержках зарплат в вашей сети."));
  CHECK(answers_press("Bloomberg Europe — any response to the report?"));
  CHECK_FALSE(answers_press("Apple Russia: почему заказ опять задерживается?"));
  auto p = policy_from(rule(R"(    kind: phrase
    context: press
    phrases: ['"не" "обсуждаем"']
)") + R"(
  - id: calm
    category: customer-conflict
    level: warning
    kind: tone
    context: customer
    threshold: 3
    reply_threshold: 2
    message: m
    cues:
      - {name: calm, weight: 2, phrases: ["успокойтесь"]}
    examples: {bad: [{text: "Успокойтесь.", reply_to: "Где заказ?"}], good: ["Спасибо."]}
)");
  const std::string press = "«Ведомости»: правда ли, что завод закрыт?";
  CHECK(fired(*p, "Эту тему мы не обсуждаем.", "", "", press).size() == 1);
  CHECK(fired(*p, "Эту тему мы не обсуждаем.", "", "", std::string("Где мой заказ?")).empty());
  CHECK(fired(*p, "Эту тему мы не обсуждаем.").empty());
  CHECK(fired(*p, "Успокойтесь.", "", "", std::string("Где мой заказ?")).size() == 1);
  CHECK(fired(*p, "Успокойтесь.", "", "", press).empty());  // a journalist is not a customer
  // a post with no reply_to that opens by addressing the press reads as an answer to it
  CHECK(fired(*p, "Журналисту «Городских новостей»: эту тему мы не обсуждаем.").size() == 1);
  CHECK(fired(*p, "Клиентам: эту тему мы не обсуждаем.").empty());
}

TEST_CASE("phrase groups: alternatives of several words in parentheses") {
  auto p = policy_from(rule(R"(    kind: phrase
    phrases:
      - '("don''t"|"do" "not"|"will" "never") "publish"|"announce" "until"'
      - '"ждём" ("следующего" "поста"|"ответа")'
)"));
  CHECK(fires(*p, "We don't publish until the 28th."));
  CHECK(fires(*p, "We do not announce until Monday."));
  CHECK(fires(*p, "We will never publish until it is done."));
  CHECK_FALSE(fires(*p, "We do publish until noon."));  // "do" alone is no alternative
  CHECK_FALSE(fires(*p, "We never publish until noon."));
  CHECK(fires(*p, "Ждём следующего поста."));
  CHECK(fires(*p, "Ждём ответа."));
  CHECK_FALSE(fires(*p, "Ждём следующего."));
  auto nested = policy_from(rule(R"(    kind: phrase
    phrases: ['(("we"|"they" "all") "know"|"nobody" "knows") "it"']
)"));
  CHECK(fires(*nested, "They all know it."));
  CHECK(fires(*nested, "Nobody knows it."));
  CHECK_FALSE(fires(*nested, "They know it."));
}

TEST_CASE("addresses_press reads only a post's opening") {
  CHECK(addresses_press("Журналисту «Городских новостей», который с утра звонит: обсуждать не будем."));
  CHECK(addresses_press("Уважаемая редакция, наша позиция прежняя."));
  CHECK(addresses_press("Журналисты опять спрашивают про увольнения. Пусть гадают."));
  CHECK(addresses_press("На ваш запрос из редакции: проверка идёт."));
  CHECK(addresses_press("Re your inquiry about the recall — we'll pass."));
  CHECK(addresses_press("Re: the crunch allegations in GameWire's piece — next question."));
  CHECK(addresses_press("A few reporters have asked about the grounded jets."));
  CHECK(addresses_press("Dear journalists, thank you for the questions."));
  CHECK(addresses_press("Уважаемые представители СМИ, на запросы больше не отвечаем."));
  CHECK(addresses_press("Комментариев для вашего издания у нас нет и не будет."));
  CHECK_FALSE(addresses_press("Журналистика — профессия смелых, поздравляем коллег с праздником."));
  CHECK_FALSE(addresses_press("Дорогая редакция! Вы сделали меня счастливой."));  // a reader's letter
  CHECK_FALSE(addresses_press("Мы рассказали журналистам о новом складе."));     // not the opening
  CHECK_FALSE(addresses_press("Re: your order 4417 — it ships today."));
  CHECK_FALSE(addresses_press("Спасибо за ваш отзыв, передали его в отдел доставки."));
  CHECK_FALSE(addresses_press("Подписывайтесь на наш канал, там все новости издания."));
  CHECK_FALSE(addresses_press("Прочитали в вашей газете про новый тариф."));  // a reader
  CHECK_FALSE(addresses_press("Last year reporters asked us about the plant; here is what changed."));
}

TEST_CASE("require: trigger: any makes the rule's context the trigger") {
  auto p = policy_from(rule(R"(    kind: require
    context: press
    trigger: any
    requires:
      - {name: substance, phrases: ['"проверяем"'], pattern: '\d'}
)"));
  const std::string press = "«Ведомости»: правда ли, что завод закрыт?";
  {
    Checker c(*p);
    Post post;
    post.text = "  Тут нечего обсуждать.";
    post.reply_to = press;
    const auto f = c.check(post);
    REQUIRE(f.size() == 1);
    CHECK(post.text.substr(f[0].start, f[0].end - f[0].start) == "Тут");  // the first word
  }
  CHECK(fired(*p, "Тут нечего обсуждать.", "", "", press) == std::vector<std::string>{"t/r"});
  CHECK(fired(*p, "Проверяем.", "", "", press).empty());
  CHECK(fired(*p, "Ответим до 18:00.", "", "", press).empty());
  CHECK(fired(*p, "Тут нечего обсуждать.").empty());  // not a reply to a journalist
  CHECK(fired(*p, "", "", "", press).empty());        // no word to mark
  CHECK(errors_of(rule("    kind: require\n    trigger: any\n    trigger_pattern: x\n    requires: [{name: a, pattern: b}]\n"))
            .size() == 1);
}

TEST_CASE("fallback: a rule fires only when no other rule of its category fired on the post") {
  // the broad rule: a reply to a journalist with no fact, action or time in it
  auto p = policy_from(rule(R"(    kind: require
    context: press
    fallback: true
    trigger_pattern: '\pL'
    requires:
      - {name: substance, pattern: '\d|провер'}
)", "") + R"(
  - id: precise
    category: customer-conflict
    level: warning
    kind: phrase
    context: press
    message: m
    phrases: ['"без" "комментариев"']
    examples: {bad: [{text: "Без комментариев."}], good: ["Проверяем."]}
  - id: other
    category: stonewalling
    level: warning
    kind: phrase
    message: m
    phrases: ['"пас"']
    examples: {bad: ["Пас."], good: ["Проверяем."]}
)");
  const std::string press = "«Ведомости»: правда ли, что завод закрыт?";
  // said by the precise rule of the same category: the fallback stays silent
  CHECK(fired(*p, "Без комментариев.", "", "", press) == std::vector<std::string>{"t/precise"});
  // nothing else of its category: the fallback speaks
  CHECK(fired(*p, "Тут нечего обсуждать.", "", "", press) == std::vector<std::string>{"t/r"});
  CHECK(fired(*p, "Проверяем, ответим до 18:00.", "", "", press).empty());
  // another category's finding does not silence it
  auto both = fired(*p, "Пас.", "", "", press);
  std::sort(both.begin(), both.end());
  CHECK(both == std::vector<std::string>{"t/other", "t/r"});
  CHECK(errors_of(rule("    kind: phrase\n    fallback: yes please\n    phrases: [x]\n")).size() == 1);
}

TEST_CASE("tone: a cue with context: reply counts only when the post answers a customer") {
  auto p = policy_from(rule(R"(    kind: tone
    threshold: 3
    reply_threshold: 2
    cues:
      - {name: swear, weight: 1, context: reply, phrases: ["блин"]}
      - {name: wait, weight: 1, phrases: ['"ждите"']}
)"));
  CHECK(fires(*p, "Блин. Ждите.", "", "", std::string("Где заказ?")));
  CHECK_FALSE(fires(*p, "Блин. Ждите."));  // 1 without the reply, under 3 anyway
  CHECK_FALSE(fires(*p, "Блин. Ждите.", "", "", std::string("«Ведомости»: где заказы?")));  // a journalist
  CHECK(errors_of(rule("    kind: tone\n    threshold: 1\n    cues:\n      - {name: a, context: press, phrases: [x]}\n"))
            .size() == 1);
}

TEST_CASE("tone: a cue's pattern reads the original text with on: original") {
  // on the normalised (lower-case) text a capital never occurs: such a cue could never fire
  auto p = policy_from(rule(R"(    kind: tone
    threshold: 2
    cues:
      - {name: brand, weight: 1, on: original, pattern: '(?i:unlike) [A-Z][a-z]+[A-Z][a-z]+'}
      - {name: mock, weight: 1, phrases: ["clowns"]}
)"));
  CHECK(fires(*p, "Unlike FlyFast, we are not clowns."));
  CHECK_FALSE(fires(*p, "Unlike flyfast, we are not clowns."));
  CHECK_FALSE(fires(*p, "Unlike FlyFast, we are on time."));
  CHECK(errors_of(rule("    kind: tone\n    threshold: 1\n    cues:\n      - {name: a, on: original, phrases: [x]}\n"))
            .front()
            .message.find("this cue has none") != std::string::npos);
}

TEST_CASE("applicability: roles, channels, languages, reply context") {
  auto p = policy_from(rule("    kind: phrase\n    phrases: [\"обман\"]\n",
                            "    roles: [support]\n    channels: [vk]\n    languages: [ru]\n    context: reply\n"));
  CHECK(fires(*p, "обман", "support", "vk", std::string("?")));
  CHECK_FALSE(fires(*p, "обман", "support", "vk"));
  CHECK_FALSE(fires(*p, "обман", "press", "vk", std::string("?")));
  CHECK_FALSE(fires(*p, "обман", "support", "twitter", std::string("?")));
  CHECK_FALSE(fires(*p, "обман", "support", "", std::string("?")));  // a channel's rules need the channel
  CHECK(fires(*p, "обман", "", "vk", std::string("?")));             // an unknown role gets every role's rules
}

TEST_CASE("spelling: misspellings found, company vocabulary accepted") {
  GRABLI_NEED_DICTIONARIES();
  auto loaded = compile_policy({{"p.yaml", rule("    kind: spelling\n")}}, {"Грабли", "Kubernetes"},
                               DictionaryPaths::discover());
  REQUIRE(loaded.errors.empty());
  CHECK(fires(*loaded.policy, "Мы испрвили ошибку."));
  CHECK_FALSE(fires(*loaded.policy, "Мы исправили ошибку в грабли."));
  CHECK_FALSE(fires(*loaded.policy, "We deploy on kubernetes daily."));
}

TEST_CASE("spelling: a sentence's capitalised first word is judged as written, in one checker") {
  GRABLI_NEED_DICTIONARIES();
  auto loaded = compile_policy({{"p.yaml", rule("    kind: spelling\n")}}, {}, DictionaryPaths::discover());
  REQUIRE(loaded.errors.empty());
  Checker c(*loaded.policy);
  auto words = [&](const std::string& text) {
    Post post;
    post.text = text;
    std::vector<std::string> out;
    for (const auto& f : c.check(post)) out.push_back(text.substr(f.start, f.end - f.start));
    return out;
  };
  // the same forms, lower case and capitalised, in either order: each answer is its own
  CHECK(words("Испрвили. испрвили.") == std::vector<std::string>{"Испрвили", "испрвили"});
  CHECK(words("исправили. Исправили.").empty());
  CHECK(words("Россия. россия.") == std::vector<std::string>{"россия"});  // a name only capitalised
  CHECK(words("Мир. Ёлка. елка.").empty());
  CHECK(words("The word. Teh word.") == std::vector<std::string>{"Teh"});
}

TEST_CASE("checker: invalid UTF-8 becomes an info finding, the rest is checked") {
  auto p = policy_from(rule("    kind: phrase\n    phrases: [\"обман\"]\n"));
  Checker c(*p);
  Post post;
  post.text = "\xff обман";
  auto f = c.check(post);
  REQUIRE(f.size() == 2);
  CHECK(f[0].rule == "grabli/invalid-utf8");
  CHECK(f[0].level == Level::info);
  CHECK(f[1].rule == "t/r");
}

TEST_CASE("checker: overrides disable rules and change levels") {
  auto p = policy_from(rule("    kind: phrase\n    phrases: [\"обман\"]\n"));
  RuleOverrides o;
  o.levels.emplace_back("t/r", Level::error);
  Checker c(*p, o);
  Post post;
  post.text = "обман";
  auto f = c.check(post);
  REQUIRE(f.size() == 1);
  CHECK(f[0].level == Level::error);
  RuleOverrides off;
  off.disabled.push_back("t");
  Checker c2(*p, off);
  CHECK(c2.check(post).empty());
}

TEST_CASE("position: lines and columns count code points, 1-based") {
  const std::string t = "первая\nвторая строка";
  auto p = position_of(t, static_cast<std::uint32_t>(t.find("строка")));
  CHECK(p.line == 2);
  CHECK(p.column == 8);
}

TEST_CASE("position: in any order, across lines, and inside a character") {
  const std::string t = "ab\nвя\xff z\nq";
  CHECK(position_of(t, static_cast<std::uint32_t>(t.find('z'))).column == 5);  // в я \xff space z
  CHECK(position_of(t, 1).column == 2);                                         // going back restarts
  CHECK(position_of(t, static_cast<std::uint32_t>(t.find('q'))).line == 3);
  const auto ya = static_cast<std::uint32_t>(t.find("я"));
  CHECK(position_of(t, ya + 1).column == 2);  // the second byte of я is я's own column
  CHECK(position_of(t, static_cast<std::uint32_t>(t.size())).column == 2);
}

TEST_CASE("spans: the first merged span, found without the list, is the list's first") {
  static const KeyTable keys;
  Lemmatizer lem(keys, DictionaryPaths{});
  Post post;
  AnalyzedText text;
  std::vector<int> fired_none;
  std::mt19937 rng(11);
  for (int round = 0; round < 2000; ++round) {
    // hits of four phrases, sorted by phrase as PhraseIndex gives them; many overlap, some chain
    std::vector<PhraseHit> hits;
    const int n = 1 + static_cast<int>(rng() % (round % 10 == 0 ? 80 : 8));
    for (int k = 0; k < n; ++k) {
      const std::uint32_t first = rng() % 40;
      hits.push_back({static_cast<std::uint32_t>(rng() % 4), first, first + 1 + static_cast<std::uint32_t>(rng() % 6)});
    }
    std::stable_sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.phrase < b.phrase; });
    MatchContext ctx{post, text, lem, hits, fired_none, "", false};
    for (const PhraseRange& range : {PhraseRange{0, 1}, PhraseRange{1, 3}, PhraseRange{0, 4}, PhraseRange{4, 5}}) {
      const auto all = phrase_spans(ctx, range);
      const auto first = first_phrase_span(ctx, range);
      INFO("round " << round << ", phrases [" << range.first << ", " << range.second << ")");
      REQUIRE(first.has_value() == !all.empty());
      if (!first) continue;
      CHECK(first->first_token == all.front().first_token);
      CHECK(first->end_token == all.front().end_token);
    }
  }
}

TEST_CASE("press_outlets: a team's own outlets are read where only the press names them") {
  const PressOutlets team({"Daily Widget", "Ромашка ТВ", "Ромашки ТВ", "a+b news"});
  CHECK(answers_press("Daily Widget: can you confirm the layoffs?", &team));
  CHECK(answers_press("Hi, this is Anna from the daily  widget. Any comment?", &team));
  CHECK(answers_press("Ромашка ТВ — правда ли, что цех закрывают?", &team));
  CHECK(answers_press("Корреспондент «Ромашки ТВ», подтвердите, пожалуйста", &team));
  CHECK(answers_press("Ромашка ТВ здесь, ждём комментарий", &team));
  CHECK(answers_press("A+B News here: statement?", &team));  // the name's own punctuation is no syntax
  // a customer who mentions the outlet is still a customer
  CHECK_FALSE(answers_press("I read about you in Daily Widget and my card still doesn't work", &team));
  CHECK_FALSE(answers_press("Пожалуюсь на вас в Ромашка ТВ, если не вернёте деньги", &team));
  CHECK_FALSE(answers_press("Daily widgets are broken in your app", &team));
  CHECK_FALSE(answers_press("Daily Widget: can you confirm the layoffs?"));  // not shipped
  CHECK(PressOutlets(std::vector<std::string>{}).empty());
  CHECK(PressOutlets({" "}).empty());
}
