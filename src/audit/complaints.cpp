#include "audit/complaints.h"

namespace grabli {

namespace {
// The category is only there to satisfy the policy schema; audit reports these as
// `unanswered-complaint` when nobody from the company answers.
constexpr std::string_view kPack = R"yaml(
pack: complaint-cues
rules:
  - id: ru
    category: customer-conflict
    kind: phrase
    languages: [ru]
    message: "Жалоба клиента."
    phrases:
      - 'вернуть деньги|средства|оплата'
      - 'возврат деньги|средство|оплата|заказ'
      - 'верните|вернете|вернёте'
      - 'сломать|сломаться|сломанный|поломка|поломаться|разбитый|брак|бракованный|дефект|неисправный'
      - '"не" работать|включаться|заряжаться|открываться|приходить|прийти|доставить|привезти'
      - 'хамство|хамить|нахамить|хамский|хам|грубый|грубо|грубить|нагрубить|грубость'
      - 'обман|обмануть|обманывать|мошенник|мошенничество|развод|кинуть'
      - 'болт|плесень|испорченный|испортиться|тухлый|просроченный|просрочка|таракан|червь'
      - 'жалоба|пожаловаться|претензия|безобразие|позор|отвратительный|ужасный|кошмар|возмутительный|издевательство'
      - '"не" дозвониться|достучаться'
      - '"не" "могу" дозвониться|дозвониться'
      - 'списать ... дважды'
      - 'деньги ... списать ... "а"'
      - 'разочаровать|разочарование|разочарованный'
      - 'верните|требую ... деньги'
    examples:
      bad: ["Верните деньги, торт был с плесенью!", "Кофемашина сломалась через неделю."]
      good: ["Спасибо, всё пришло вовремя и очень вкусно!"]
  - id: en
    category: customer-conflict
    kind: phrase
    languages: [en]
    message: "A customer's complaint."
    phrases:
      - 'refund|refunded|chargeback'
      - '"money" "back"'
      - 'broken|broke|damaged|defective|faulty|cracked'
      - '"not" working|work|arrived|delivered'
      - '"never" arrived|came|received|delivered'
      - '"stopped" working'
      - 'rude|rudely|rudeness|scam|scammed|fraud|ripoff'
      - 'terrible|awful|horrible|disgusting|unacceptable|worst|disappointed|disappointing|outrageous|ridiculous'
      - 'complaint|complain|complaining'
      - '"charged" "twice"'
      - 'bolt|mold|mould|rotten|expired|cockroach'
      - '"still" "waiting"'
      - '"nobody" answers|replies|responds'
    examples:
      bad: ["I want my money back, the kettle arrived broken.", "Your staff were rude to my kids."]
      good: ["Thanks, the order arrived on time!"]
)yaml";
}  // namespace

std::string_view complaint_cue_pack() { return kPack; }

std::unique_ptr<Policy> compile_complaint_cues(std::vector<PolicyError>& errors) {
  std::vector<PolicySource> sources{{"<complaint cues>", std::string(kPack), true}};
  auto loaded = compile_policy(sources, {}, DictionaryPaths::discover());
  errors.insert(errors.end(), loaded.errors.begin(), loaded.errors.end());
  return loaded.errors.empty() ? std::move(loaded.policy) : nullptr;
}

}  // namespace grabli
