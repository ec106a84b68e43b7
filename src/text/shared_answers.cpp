#include "text/shared_answers.h"

#include <hunspell/hunspell.hxx>

namespace grabli {

SharedAnswers::SharedAnswers() = default;
SharedAnswers::~SharedAnswers() = default;

void SharedAnswers::leave_dictionaries() {
  for (Dictionary* d : {&ru_, &en_}) {
    std::lock_guard lock(d->m);
    (void)d->hunspell.release();
  }
}

std::string SharedAnswers::key(std::uint8_t script, std::string_view form) {
  std::string k;
  k.reserve(form.size() + 1);
  k.push_back(static_cast<char>(script));
  k.append(form);
  return k;
}

template <class V>
std::optional<V> SharedAnswers::get(const Table<V>& t, const std::string& k) {
  const auto& shard = t[StringHash{}(k) % kShards];
  std::lock_guard lock(shard.m);
  const auto it = shard.map.find(k);
  if (it == shard.map.end()) return std::nullopt;
  return it->second;
}

template <class V>
void SharedAnswers::put(Table<V>& t, std::string k, V v) {
  auto& shard = t[StringHash{}(k) % kShards];
  std::lock_guard lock(shard.m);
  if (shard.map.size() < kMaxEntries / kShards) shard.map.emplace(std::move(k), std::move(v));
}

std::optional<std::vector<std::string>> SharedAnswers::stems(std::uint8_t script, std::string_view form) const {
  return get(stems_, key(script, form));
}
void SharedAnswers::put_stems(std::uint8_t script, std::string_view form, const std::vector<std::string>& stems) {
  put(stems_, key(script, form), stems);
}
std::optional<bool> SharedAnswers::spelled(std::uint8_t script, std::string_view form) const {
  return get(spelled_, key(script, form));
}
void SharedAnswers::put_spelled(std::uint8_t script, std::string_view form, bool ok) {
  put(spelled_, key(script, form), ok);
}

}  // namespace grabli
