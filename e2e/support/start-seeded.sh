#!/usr/bin/env bash
# Starts the server the "app" project tests against, with the accounts made
# through the command line (as an operator would) before it opens the store.
set -euo pipefail
port="$1"
rm -rf "$DATA_DIR"
printf 'alice-password-1\n' | node_modules/.bin/tsx --conditions=react-server scripts/user.ts add alice@example.com --name Alice
printf 'bob-password-12\n' | node_modules/.bin/tsx --conditions=react-server scripts/user.ts add bob@example.com --name Bob
printf 'carol-password-1\n' | node_modules/.bin/tsx --conditions=react-server scripts/user.ts add carol@example.com --name Carol
printf 'admin-password-1\n' | node_modules/.bin/tsx --conditions=react-server scripts/user.ts add admin@example.com --name "Ada Admin" --admin
printf 'dave-password-12\n' | node_modules/.bin/tsx --conditions=react-server scripts/user.ts add dave@example.com --name Dave
exec node_modules/.bin/next start -H 127.0.0.1 -p "$port"
