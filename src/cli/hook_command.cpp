// `grabli hook install|uninstall|run`: the comms-repo pre-commit hook.
#include <iostream>

#include "cli/app.h"

namespace grabli::cli {

int run_hook(int, char**) {
  std::cerr << "grabli hook: not built yet\n";
  return kExitError;
}

}  // namespace grabli::cli
