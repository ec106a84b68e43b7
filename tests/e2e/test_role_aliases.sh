# A role is typed by people: "PR", "marketing", "CEO", "customer service" are read as the roles
# they name, on the command line, in front matter and in .grabli.yaml, as audit records are.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
post='Your parcel goes to 12 Baker Street tomorrow, Mrs Hill.'
# the home-address rule is for support replies only
run "$GRABLI" check --role "Customer Service" --lang en - <<<"$post"
expect_rc 1
expect_out "en-personal-data/home-address"
run "$GRABLI" check --role CEO --lang en - <<<"$post"
expect_no_out "en-personal-data/home-address"
mkdir -p drafts
printf -- '---\nrole: helpdesk\n---\n%s\n' "$post" > drafts/a.md
run "$GRABLI" check --lang en drafts/a.md
expect_rc 1
expect_out "drafts/a.md:4:"
expect_out "en-personal-data/home-address"
printf 'role: SMM\n' > .grabli.yaml
printf '%s\n' "$post" > drafts/b.md
run "$GRABLI" check --lang en drafts/b.md
expect_no_out "en-personal-data/home-address"
printf 'role: care\n' > .grabli.yaml
run "$GRABLI" check --lang en drafts/b.md
expect_out "en-personal-data/home-address"
# a word that names no role is still an error, with the nearest role
printf -- '---\nrole: suport\n---\nHi\n' > drafts/c.md
run "$GRABLI" check drafts/c.md
expect_rc 2
expect_err "unknown role 'suport' (did you mean 'support'?)"
echo "ok"
