#include "cli/limit_options.h"

namespace po = boost::program_options;

namespace grabli::cli {

void add_limit_options(po::options_description& desc, std::initializer_list<std::string_view> keys) {
  for (const auto key : keys) {
    const LimitKey* k = find_limit_key(key);
    if (!k) continue;
    desc.add_options()(std::string(k->option).c_str(), po::value<std::string>()->value_name("SIZE"),
                       (std::string(k->what) + " (default " + format_size(limit_of(Limits{}, *k)) +
                        "; e.g. 512KiB, 16MiB; .grabli.yaml: limits." + std::string(k->key) + ")")
                           .c_str());
  }
}

bool read_limit_options(const po::variables_map& vm, LimitOverrides& out, std::string& error) {
  for (const auto& k : limit_keys()) {
    const std::string option(k.option);
    if (!vm.count(option)) continue;
    std::string why;
    const auto v = parse_limit(k, vm[option].as<std::string>(), why);
    if (!v) {
      error = "--" + option + ": " + why;
      return false;
    }
    out[k] = *v;
  }
  return true;
}

}  // namespace grabli::cli
