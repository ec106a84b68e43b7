#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "config/config.h"
#include "git/hook_installer.h"
#include "git/process.h"
#include "git/repo.h"
#include "git/staged_drafts.h"

using namespace grabli;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("grabli-test-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void spit(const fs::path& p, const std::string& s) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << s;
}

bool executable(const fs::path& p) {
  struct stat st {};
  return stat(p.c_str(), &st) == 0 && (st.st_mode & S_IXUSR);
}

// A new repository with an identity, so that commits work anywhere.
void git_init(const fs::path& dir) {
  REQUIRE(git::run_process({"git", "init", "-q", dir.string()}).ok());
  REQUIRE(git::run_process({"git", "config", "user.email", "t@example.com"}, dir.string()).ok());
  REQUIRE(git::run_process({"git", "config", "user.name", "Test"}, dir.string()).ok());
}

void git_in(const fs::path& dir, std::vector<std::string> args) {
  args.insert(args.begin(), "git");
  const auto r = git::run_process(args, dir.string());
  INFO(r.err);
  REQUIRE(r.ok());
}

}  // namespace

TEST_CASE("run_process captures output and the exit code without a shell", "[git]") {
  const auto r = git::run_process({"sh", "-c", "printf 'a b'; echo err >&2; exit 3"});
  CHECK(r.status == 3);
  CHECK(r.out == "a b");
  CHECK(r.err == "err\n");
  const auto missing = git::run_process({"no-such-program-grabli"});
  CHECK_FALSE(missing.ok());
  CHECK_FALSE(missing.start_error.empty());
}

TEST_CASE("parse_raw_diff reads -z output, renames by their new name", "[git]") {
  const std::string z(1, '\0');
  const std::string raw = ":000000 100644 " + std::string(40, '0') + " " + std::string(40, 'a') + " A" + z +
                          "drafts/с пробелом.md" + z + ":100644 100644 " + std::string(40, 'b') + " " +
                          std::string(40, 'c') + " R090" + z + "old.md" + z + "new.md" + z;
  std::vector<git::StagedFile> files;
  std::string error;
  REQUIRE(git::parse_raw_diff(raw, files, error));
  REQUIRE(files.size() == 2);
  CHECK(files[0].path == "drafts/с пробелом.md");
  CHECK(files[0].blob == std::string(40, 'a'));
  CHECK(files[0].regular());
  CHECK(files[1].path == "new.md");
}

TEST_CASE("parse_raw_diff rejects what it does not understand", "[git]") {
  std::vector<git::StagedFile> files;
  std::string error;
  CHECK_FALSE(git::parse_raw_diff("garbage", files, error));
  CHECK_FALSE(error.empty());
}

TEST_CASE("the hook script runs grabli hook run and fails closed", "[hook]") {
  const auto s = git::hook_script("/opt/it's here/grabli");
  CHECK(s.starts_with("#!/bin/sh\n"));
  CHECK(git::is_grabli_hook(s));
  CHECK(s.find("GRABLI='/opt/it'\\''s here/grabli'") != std::string::npos);
  CHECK(s.find("\"$GRABLI\" hook run") != std::string::npos);
  CHECK(s.find("--no-verify") != std::string::npos);
  CHECK(s.find("exit 2") != std::string::npos);
  CHECK_FALSE(git::is_grabli_hook("#!/bin/sh\nmake lint\n"));
}

TEST_CASE("install writes an executable pre-commit hook, install again updates it", "[hook]") {
  TempDir t;
  auto o = git::install_hook(t.path.string(), {"/usr/bin/grabli", false});
  CHECK(o.ok);
  CHECK(executable(t.path / "pre-commit"));
  CHECK(git::is_grabli_hook(slurp(t.path / "pre-commit")));
  o = git::install_hook(t.path.string(), {"/usr/local/bin/grabli", false});
  CHECK(o.ok);
  CHECK_THAT(o.message, Catch::StartsWith("updated"));
  CHECK(slurp(t.path / "pre-commit").find("/usr/local/bin/grabli") != std::string::npos);
}

TEST_CASE("install refuses to overwrite a foreign hook", "[hook]") {
  TempDir t;
  spit(t.path / "pre-commit", "#!/bin/sh\nmake lint\n");
  const auto o = git::install_hook(t.path.string(), {"/usr/bin/grabli", false});
  CHECK_FALSE(o.ok);
  CHECK_THAT(o.message, Catch::Contains("--chain"));
  CHECK(slurp(t.path / "pre-commit") == "#!/bin/sh\nmake lint\n");
}

TEST_CASE("install --chain keeps the foreign hook, uninstall puts it back", "[hook]") {
  TempDir t;
  spit(t.path / "pre-commit", "#!/bin/sh\nmake lint\n");
  auto o = git::install_hook(t.path.string(), {"/usr/bin/grabli", true});
  REQUIRE(o.ok);
  CHECK(slurp(t.path / git::kChainedHookName) == "#!/bin/sh\nmake lint\n");
  CHECK(git::is_grabli_hook(slurp(t.path / "pre-commit")));
  o = git::uninstall_hook(t.path.string());
  CHECK(o.ok);
  CHECK(slurp(t.path / "pre-commit") == "#!/bin/sh\nmake lint\n");
  CHECK_FALSE(fs::exists(t.path / git::kChainedHookName));
}

TEST_CASE("uninstall leaves a foreign hook alone", "[hook]") {
  TempDir t;
  spit(t.path / "pre-commit", "#!/bin/sh\nmake lint\n");
  CHECK_FALSE(git::uninstall_hook(t.path.string()).ok);
  CHECK(fs::exists(t.path / "pre-commit"));
  TempDir empty;
  CHECK(git::uninstall_hook(empty.path.string()).ok);
}

TEST_CASE("the hooks folder honours core.hooksPath", "[hook][git]") {
  TempDir t;
  git_init(t.path);
  std::string error;
  auto repo = git::Repo::open(t.path.string(), error);
  REQUIRE(repo);
  std::string dir;
  REQUIRE(repo->hooks_dir(dir, error));
  CHECK(dir == (fs::path(repo->top()) / ".git/hooks").string());
  git_in(t.path, {"config", "core.hooksPath", ".githooks"});
  REQUIRE(repo->hooks_dir(dir, error));
  CHECK(dir == (fs::path(repo->top()) / ".githooks").string());
}

TEST_CASE("Repo::open outside a working tree says so", "[git]") {
  TempDir t;
  std::string error;
  CHECK_FALSE(git::Repo::open(t.path.string(), error));
  CHECK_THAT(error, Catch::Contains("not inside a Git working tree"));
}

TEST_CASE("staged drafts are the index's content, not the working file's", "[hook][git]") {
  TempDir t;
  git_init(t.path);
  spit(t.path / "drafts/отдел продаж/a b.md", "staged\n");
  spit(t.path / "image.png", "x");
  spit(t.path / "notes.txt", std::string("bin\0ary", 7));
  git_in(t.path, {"add", "-A"});
  spit(t.path / "drafts/отдел продаж/a b.md", "working tree\n");
  std::string error;
  auto repo = git::Repo::open(t.path.string(), error);
  REQUIRE(repo);
  git::StagedDrafts out;
  REQUIRE(git::collect_staged_drafts(*repo, Config{}, out, error));
  REQUIRE(out.drafts.size() == 1);
  CHECK(out.drafts[0].path == "drafts/отдел продаж/a b.md");
  CHECK(out.drafts[0].content == "staged\n");
  REQUIRE(out.skipped.size() == 1);
  CHECK_THAT(out.skipped[0], Catch::StartsWith("notes.txt: binary"));
}

TEST_CASE("deleted files are not staged drafts", "[hook][git]") {
  TempDir t;
  git_init(t.path);
  spit(t.path / "a.md", "a\n");
  git_in(t.path, {"add", "-A"});
  git_in(t.path, {"commit", "-qm", "a"});
  git_in(t.path, {"rm", "-q", "a.md"});
  std::string error;
  auto repo = git::Repo::open(t.path.string(), error);
  REQUIRE(repo);
  git::StagedDrafts out;
  REQUIRE(git::collect_staged_drafts(*repo, Config{}, out, error));
  CHECK(out.drafts.empty());
}

TEST_CASE("hook.files and hook.exclude choose the drafts", "[hook][config]") {
  Config c;
  CHECK(c.is_hook_draft("a.md"));
  CHECK(c.is_hook_draft("drafts/x/y.markdown"));
  CHECK(c.is_hook_draft("d/n.txt"));
  CHECK_FALSE(c.is_hook_draft("src/main.cpp"));
  c.hook_exclude = {"README.md", "docs/**"};
  CHECK_FALSE(c.is_hook_draft("README.md"));
  CHECK_FALSE(c.is_hook_draft("docs/guide.md"));
  CHECK(c.is_hook_draft("drafts/README.md"));
}

TEST_CASE("hook globs are relative to the config's folder", "[hook][config]") {
  Config c;
  c.dir = "/repo/comms";
  CHECK(git::config_relative("/repo", "comms/drafts/a.md", c) == "drafts/a.md");
  CHECK(git::config_relative("/repo", "other/a.md", c) == "other/a.md");
}

TEST_CASE("the hook key of .grabli.yaml is read and checked", "[config]") {
  TempDir t;
  spit(t.path / ".grabli.yaml", "hook:\n  files: ['posts/**/*.md']\n  exclude: [posts/old/**]\n");
  std::vector<PolicyError> errors;
  auto c = load_config((t.path / ".grabli.yaml").string(), errors);
  CHECK(errors.empty());
  CHECK(c.is_hook_draft("posts/a/b.md"));
  CHECK_FALSE(c.is_hook_draft("posts/old/b.md"));
  CHECK_FALSE(c.is_hook_draft("b.md"));
  spit(t.path / ".grabli.yaml", "hook:\n  file: ['*.md']\n");
  errors.clear();
  load_config((t.path / ".grabli.yaml").string(), errors);
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].line == 2);
  CHECK_THAT(errors[0].message, Catch::Contains("did you mean 'files'"));
}

TEST_CASE("the starter config loads cleanly and sets up the hook", "[config]") {
  TempDir t;
  spit(t.path / ".grabli.yaml", starter_config());
  std::vector<PolicyError> errors;
  auto c = load_config((t.path / ".grabli.yaml").string(), errors);
  CHECK(errors.empty());
  CHECK(c.fail_on == Level::warning);
  CHECK(c.rule_for("drafts/support/reply.md"));
  CHECK(c.rule_for("drafts/support/reply.md")->role == "support");
  CHECK_FALSE(c.is_hook_draft("README.md"));
  CHECK(c.is_hook_draft("drafts/support/reply.md"));
}
