#pragma once
#include <boost/program_options.hpp>
#include <initializer_list>
#include <string>
#include <string_view>

#include "config/limits.h"

namespace grabli::cli {

// --max-post-bytes, --max-record-bytes, --regex-max-mem, --regex-set-max-mem: the keys of
// `limits:` in .grabli.yaml (`keys` picks those that mean something to the command), same
// values, and the command line wins.
void add_limit_options(boost::program_options::options_description& desc, std::initializer_list<std::string_view> keys);
// The options given; false with `error` ("--max-post-bytes: must be between …") on a bad value.
bool read_limit_options(const boost::program_options::variables_map& vm, LimitOverrides& out, std::string& error);

}  // namespace grabli::cli
