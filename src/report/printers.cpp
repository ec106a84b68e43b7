#include "report/printers.h"

#include "report/github_printer.h"
#include "report/json_printer.h"
#include "report/sarif_printer.h"
#include "report/text_printer.h"

namespace grabli {

std::unique_ptr<Printer> make_check_printer(const std::string& format, std::ostream& out, bool color) {
  if (format == "text") return std::make_unique<TextPrinter>(out, color);
  if (format == "json") return std::make_unique<JsonPrinter>(out);
  if (format == "sarif") return std::make_unique<SarifPrinter>(out);
  if (format == "github") return std::make_unique<GithubPrinter>(out);
  return nullptr;
}

}  // namespace grabli
