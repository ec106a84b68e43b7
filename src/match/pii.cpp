// kind: pii — a customer's phone, e-mail, card, passport, СНИЛС, ИНН or address.
#include <re2/re2.h>

#include <array>
#include <cctype>
#include <cstring>
#include <memory>

#include "match/pattern_bank.h"
#include "match/spans.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace grabli {
namespace {

enum class Pii { phone, email, card, passport, snils, inn, address };

struct Detector {
  Pii kind;
  const char* name;
  const char* label;
  const char* regex;
  int min_digits;  // the fewest digits a match holds: a post with fewer does not run the regex
};

// Digits around a match must not continue it: RE2 has no lookbehind, so the matcher checks.
const std::array<Detector, 10> kDetectors = {{
    {Pii::card, "card", "card number", R"((?:\d[ \-]?){12,18}\d)", 13},
    {Pii::snils, "snils", "СНИЛС", R"(\d{3}[\- ]\d{3}[\- ]\d{3}[\- ]\d{2})", 11},
    // «45 06 123456», «4506 № 123456», and spelled out: «серия 4512, номер 738291»
    {Pii::passport, "passport", "passport number", R"(\d{2} ?\d{2}(?: ?№? ?|,? (?i:номер|ном\.|н\.) ?)\d{6})", 10},
    {Pii::inn, "inn", "ИНН", R"(\d{12})", 12},
    {Pii::phone, "phone", "phone number",
     R"((?:\+7|8)[ \-\xA0]*\(?\d{3}\)?[ \-\xA0]*\d{3}[ \-\xA0]*\d{2}[ \-\xA0]*\d{2})", 11},
    {Pii::phone, "phone", "phone number", R"((?:\+1[ \-.]*)?\(?\d{3}\)?[ \-.]\d{3}[ \-.]\d{4})", 10},
    {Pii::phone, "phone", "phone number", R"(\+(?:[2-69]\d{0,2})[ \-]?(?:\d[ \-]?){7,11}\d)", 9},
    // the UK's national format, 11 digits: mobiles 07…, geographic 01… and 02… (not 03, 08)
    {Pii::phone, "phone", "phone number", R"(0[127](?:[ \-]?\d){9})", 11},
    {Pii::email, "email", "e-mail address", R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})", 0},
    {Pii::address, "address", "street address",
     R"((?i)(?:\d{1,5}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Court|Ct\.?|Place|Pl\.?|Way)\b)|(?:(?:ул\.|улиц[аеы]|пр-т|проспект[аеу]?|пер\.|переул[оке]+|бульвар[ау]?|шоссе|наб\.)\s*[\p{Lu}\d][\pL\d\-]*(?:\s+[\p{Lu}][\pL\-]*)?,?\s*(?:д\.|дом)\s*\d+[\pL]?(?:,?\s*(?:кв\.|квартира)\s*\d+)?))", 1},
}};

// The detectors, compiled once for every pii rule of the process (immutable RE2s are safe to
// share between threads). `\pL` and `\p{Lu}` spelled as the scripts grabli reads, as in policy
// patterns on the original text: Unicode's whole letter tables made the address detector cost
// 4.8 ms to compile, and each pack's pii rule compiled its own.
const std::vector<std::unique_ptr<RE2>>& detectors() {
  static const std::vector<std::unique_ptr<RE2>> res = [] {
    RE2::Options o;
    o.set_log_errors(false);
    std::vector<std::unique_ptr<RE2>> v;
    for (const auto& d : kDetectors) {
      std::string re = d.regex;
      for (std::size_t at; (at = re.find("\\p{Lu}")) != std::string::npos;) re.replace(at, 6, "\\pL");
      v.push_back(std::make_unique<RE2>(narrow_letter_classes(re, true), o));
    }
    return v;
  }();
  return res;
}

std::string digits_of(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d;
}

bool luhn(const std::string& d) {
  int sum = 0;
  bool dbl = false;
  for (auto it = d.rbegin(); it != d.rend(); ++it) {
    int v = *it - '0';
    if (dbl && (v *= 2) > 9) v -= 9;
    sum += v;
    dbl = !dbl;
  }
  return sum % 10 == 0;
}

bool snils_ok(const std::string& d) {
  if (d.size() != 11) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[i] - '0') * (9 - i);
  int ctrl = sum < 100 ? sum : sum == 100 || sum == 101 ? 0 : sum % 101;
  if (ctrl == 100) ctrl = 0;
  return ctrl == std::stoi(d.substr(9));
}

bool inn12_ok(const std::string& d) {
  if (d.size() != 12) return false;
  static const int w11[] = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
  static const int w12[] = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
  int s = 0;
  for (int i = 0; i < 10; ++i) s += (d[i] - '0') * w11[i];
  if (s % 11 % 10 != d[10] - '0') return false;
  s = 0;
  for (int i = 0; i < 11; ++i) s += (d[i] - '0') * w12[i];
  return s % 11 % 10 == d[11] - '0';
}

bool toll_free(const std::string& d) {
  // 8-800 / +7-800 in Russia, 1-8XX in North America
  if (d.size() == 11 && (d[0] == '8' || d[0] == '7') && d.compare(1, 3, "800") == 0) return true;
  // the UK's 0800 / 0808 freephone numbers and its 03 numbers, which only organisations hold
  const std::string uk = d.size() >= 11 && d.compare(0, 2, "44") == 0 ? "0" + d.substr(2) : d;
  if ((uk.size() == 10 || uk.size() == 11) && (uk.compare(0, 4, "0800") == 0 || uk.compare(0, 4, "0808") == 0)) return true;
  if (uk.size() == 11 && uk.compare(0, 2, "03") == 0) return true;
  std::string n = d.size() == 11 && d[0] == '1' ? d.substr(1) : d;
  if (n.size() == 10 && n[0] == '8' && n[1] == n[2] && n[1] >= '0' && n[1] <= '8' && (n[1] == '0' || n[1] >= '3'))
    return true;
  return false;
}

bool company_mailbox(std::string_view email) {
  const auto at = email.find('@');
  std::string local(email.substr(0, at));
  for (auto& c : local) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const auto kRoles = std::to_array<std::string_view>({
      "support", "help", "info", "press", "pr", "media", "hello", "contact", "sales", "hr", "jobs", "career",
      "careers", "office", "noreply", "no-reply", "ir", "investors", "investor", "service", "care", "team",
      "feedback", "privacy", "legal", "partners", "billing", "accounts", "orders", "order", "returns", "refunds",
      "complaints", "customerservice", "customercare", "helpdesk", "enquiries", "inquiries", "bookings",
      "booking", "reservations", "compliance", "marketing", "news", "newsroom", "webmaster", "admin", "hotline",
      "payments", "claims", "b2b", "b2c", "corporate", "business", "wholesale", "opt", "tender",
      // a clinic's or a hotel's desks: "email records@brightsmile.co.uk"
      "records", "reception", "appointments", "admissions", "frontdesk", "concierge", "events",
      // where customers report fraud: "forward it to phishing@…"
      "phishing", "abuse", "security", "fraud", "antifraud", "spam", "report", "scam"});
  for (auto r : kRoles)
    if (local == r) return true;
  // role words inside a longer mailbox name at the company's own domain: guestcare@, quality@
  // (never at a free mail service, where macarena.lopez@gmail.com is a person)
  std::string domain(at == std::string_view::npos ? std::string_view{} : email.substr(at + 1));
  for (auto& c : domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::array<std::string_view, 16> kFreeMail = {"gmail.", "googlemail.", "mail.ru", "yandex.", "ya.ru",
                                                             "yahoo.", "hotmail.", "outlook.", "live.", "icloud.",
                                                             "rambler.", "bk.ru", "list.ru", "inbox.ru", "proton", "aol."};
  for (auto f : kFreeMail)
    if (domain.find(f) != std::string::npos) return false;
  static const std::array<std::string_view, 14> kParts = {"support", "service", "care", "help", "info", "press",
                                                          "feedback", "billing", "booking", "contact", "quality",
                                                          "office", "hotline", "sales"};
  for (auto r : kParts)
    if (local.find(r) != std::string::npos) return true;
  return false;
}

// Whether one of `words` (lower case) occurs in the 80 bytes before `pos`, in any case.
bool near_word(std::string_view text, std::size_t pos, std::initializer_list<std::string_view> words) {
  std::size_t from = pos > 80 ? pos - 80 : 0;
  while (from > 0 && (static_cast<unsigned char>(text[from]) & 0xC0) == 0x80) --from;
  std::string window(1, ' ');  // a word at the window's start still follows a space
  for (std::size_t i = from; i < pos;) {
    const auto d = utf8::decode(text, i);
    utf8::append(window, fold_case(d.cp));
    i += d.len;
  }
  for (auto w : words)
    if (window.find(w) != std::string::npos) return true;
  return false;
}

class PiiMatcher : public Matcher {
 public:
  PiiMatcher(std::vector<Pii> kinds, std::vector<std::unique_ptr<RE2>> allow)
      : kinds_(std::move(kinds)), allow_(std::move(allow)), res_(detectors()) {}

  void match(const MatchContext& ctx, const Rule& rule, std::vector<Finding>& out) const override {
    const std::string_view t = ctx.text.original;
    // most posts have neither: memchr for '@', and a digit count without an early exit, which the
    // compiler vectorises (a byte loop setting two flags was ~4 instructions a byte of every post).
    // Most posts with digits hold a year or a price: fewer digits than a number a detector finds.
    const bool has_at = std::memchr(t.data(), '@', t.size()) != nullptr;
    std::size_t digits = 0;
    for (const char c : t) digits += static_cast<unsigned char>(static_cast<unsigned char>(c) - '0') < 10;
    if (digits == 0 && !has_at) return;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> taken;
    for (std::size_t di = 0; di < kDetectors.size(); ++di) {
      const auto& d = kDetectors[di];
      if (std::find(kinds_.begin(), kinds_.end(), d.kind) == kinds_.end()) continue;
      if (d.kind == Pii::email && !has_at) continue;
      if (digits < static_cast<std::size_t>(d.min_digits)) continue;
      re2::StringPiece in(t.data(), t.size()), m;
      std::size_t pos = 0;
      while (pos < t.size() && res_[di]->Match(in, pos, t.size(), RE2::UNANCHORED, &m, 1)) {
        const auto b = static_cast<std::size_t>(m.data() - t.data());
        const auto e = b + m.size();
        pos = e > b ? e : b + 1;
        auto isdig = [&](std::size_t i) { return t[i] >= '0' && t[i] <= '9'; };
        if (d.kind != Pii::email && d.kind != Pii::address &&
            ((b > 0 && (isdig(b - 1) || t[b - 1] == '-' || t[b - 1] == '+')) || (e < t.size() && isdig(e))))
          continue;
        bool overlap = false;
        for (auto [tb, te] : taken) overlap |= b < te && tb < e;
        if (overlap) continue;
        const std::string match(t.substr(b, e - b));
        const std::string dg = digits_of(match);
        bool ok = true;
        switch (d.kind) {
          case Pii::card: ok = dg.size() >= 13 && dg.size() <= 19 && luhn(dg) && !near_word(t, b, {"инн", "огрн"}); break;
          case Pii::snils: ok = snils_ok(dg); break;
          case Pii::inn: ok = inn12_ok(dg); break;
          case Pii::passport: ok = near_word(t, b, {"паспорт", "passport"}); break;
          case Pii::phone:
            ok = dg.size() >= 10 && !toll_free(dg) &&
                 // the company's own line, named as such just before the number
                 // (" our": "your number" is the customer's; «перезвоните нам, ваш номер …» too)
                 !near_word(t, b, {" our support", "support line", " our line", "helpline", "hotline",
                                   " our number", " our phone", "call centre", "call center", "горячая линия",
                                   "горячей линии", "наш телефон", "наш номер", "нашему телефону", "колл-центр",
                                   "нашей поддержки", "наша поддержка", "справочная", "диспетчерск", " reach our",
                                   " call our", " our team", " our claims", " our office", " our desk", "reception",
                                   "front desk", "switchboard", "call us", "ring us", "phone us", "text us",
                                   " звоните нам", "ресепшн", "приёмная", "приемная",
                                   "регистратура", "пресс-служб", "press office", "press team", "media enquiries",
                                   "media line", "на связи",
                                   // booking or asking by phone is what a business's line is for
                                   "записаться", "запись по телефону", "для записи", "записи по телефону",
                                   "справки по телефону", "справок", "бронирован", "заказ по телефону",
                                   "заказы по телефону", "телефону клиники", "телефон клиники", "телефону салона",
                                   "телефон салона", "телефону магазина", "телефон магазина", "телефону офиса",
                                   "телефон офиса", "телефону отделения", "телефону ресторана", "телефону компании",
                                   "телефон компании", "to book", "bookings", "reservations", "to order by phone",
                                   // an institution's office: «по телефону канцелярии», «вопросы — по телефону»
                                   "канцеляри", "деканат", "учебной части", "телефону школы", "телефон школы",
                                   "администрации", "вопросы — по телефону", "вопросы по телефону", "school office",
                                   "main office"});
            break;
          case Pii::email: ok = !company_mailbox(match); break;
          case Pii::address: break;
        }
        if (!ok) continue;
        bool allowed = false;
        for (const auto& a : allow_) allowed |= RE2::PartialMatch(match, *a) || RE2::PartialMatch(dg, *a);
        if (allowed) continue;
        taken.emplace_back(b, e);
        auto f = make_finding(rule, static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e));
        f.message += " (" + std::string(d.label) + ")";
        out.push_back(std::move(f));
      }
    }
  }

 private:
  std::vector<Pii> kinds_;
  std::vector<std::unique_ptr<RE2>> allow_;
  const std::vector<std::unique_ptr<RE2>>& res_;
};

const KindRegistrar reg({"pii", {"detect", "allow"},
                         [](const YamlNode& n, Rule&, PolicyBuilder& b) -> std::unique_ptr<Matcher> {
                           std::vector<Pii> kinds;
                           for (const auto& name : read_strings(b, n, "detect", true)) {
                             bool found = false;
                             for (const auto& d : kDetectors)
                               if (name == d.name) kinds.push_back(d.kind), found = true;
                             if (!found)
                               b.fail(n["detect"], "unknown detector '" + name +
                                                       "'; expected phone, email, card, passport, snils, inn, address");
                           }
                           std::vector<std::unique_ptr<RE2>> allow;
                           RE2::Options o;
                           o.set_log_errors(false);
                           for (const auto& a : read_strings(b, n, "allow", false)) {
                             auto re = std::make_unique<RE2>(a, o);
                             if (!re->ok()) b.fail(n["allow"], "invalid regex '" + a + "': " + re->error());
                             allow.push_back(std::move(re));
                           }
                           return std::make_unique<PiiMatcher>(std::move(kinds), std::move(allow));
                         }});

}  // namespace
}  // namespace grabli
