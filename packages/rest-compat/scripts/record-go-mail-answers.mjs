// `node scripts/record-go-mail-answers.mjs` (from packages/rest-compat, with Go on the PATH or in $GO):
// asks the real Go standard library what Traffic Ops would answer for every input listed in
// src/trafficops/go-mail-answers.json, and rewrites that file's answers. The tests replay the file,
// so our port of net/mail and of the reset_password body is checked against Go's own texts.
//
// Traffic Ops builds with the Go of its GO_VERSION file (1.23.11 on its master). net/mail changed in
// 1.22.1 (CVE-2024-24784: no specials in display-name atoms) and 1.23 (domain literals), so record
// with a 1.23: Debian bookworm's golang-go is 1.19 and answers differently; bookworm-backports has
// golang-1.23-go (`GO=/usr/lib/go-1.23/bin/go node scripts/record-go-mail-answers.mjs`).
//
// The Go program is written to a temporary folder and removed: it is a probe, not part of the project.
// For each address it reports what net/mail.ParseAddress says; for each body, what traffic_ops_golang's
// reset_password handler says, decoding it as the handler does (json.NewDecoder(...).Decode into a
// struct whose `email` field unquotes the JSON string and parses it, as lib/go-rfc's EmailAddress does,
// and "Malformed request: %v" around any error), and the bytes json.Marshal makes of that alert.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Package tc, so that encoding/json names the target type as Traffic Ops' errors do.
const PROBE_TC = `package tc

import (
	"fmt"
	"net/mail"
	"strconv"
)

type EmailAddress struct{ mail.Address }

func (a *EmailAddress) UnmarshalJSON(data []byte) error {
	if string(data) == "null" {
		return nil
	}
	s, err := strconv.Unquote(string(data))
	if err != nil {
		return fmt.Errorf("JSON %s not quoted: %v", data, err)
	}
	addr, err := mail.ParseAddress(s)
	if err != nil {
		return fmt.Errorf("Couldn't parse '%s' as an email address: %v", s, err)
	}
	*a = EmailAddress{*addr}
	return nil
}

type UserPasswordResetRequest struct {
	Email EmailAddress \`json:"email"\`
}
`;

const PROBE = `package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/mail"
	"os"
	"strings"

	"probe/tc"
)

type documentAlert struct {
	Level string \`json:"level"\`
	Text  string \`json:"text"\`
}

type documentAlerts struct {
	Alerts []documentAlert \`json:"alerts"\`
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := json.NewEncoder(os.Stdout)
	out.SetEscapeHTML(false)
	for in.Scan() {
		var probe struct{ Kind, Text string }
		if err := json.Unmarshal(in.Bytes(), &probe); err != nil {
			panic(err)
		}
		answer := map[string]string{}
		if probe.Kind == "address" {
			if parsed, err := mail.ParseAddress(probe.Text); err != nil {
				answer["error"] = err.Error()
			} else {
				answer["address"] = parsed.Address
			}
		} else {
			var request tc.UserPasswordResetRequest
			if err := json.NewDecoder(strings.NewReader(probe.Text)).Decode(&request); err != nil {
				answer["alert"] = fmt.Sprintf("Malformed request: %v", err)
				// json.Marshal's bytes of the alert, in the document's key order (Traffic Ops' own struct puts text first).
				envelope, err := json.Marshal(documentAlerts{[]documentAlert{{"error", answer["alert"]}}})
				if err != nil {
					panic(err)
				}
				answer["envelope"] = string(envelope)
			} else {
				answer["address"] = request.Email.Address.Address
			}
		}
		if err := out.Encode(answer); err != nil {
			panic(err)
		}
	}
}
`;

const answersFile = new URL('../src/trafficops/go-mail-answers.json', import.meta.url);
const go = process.env.GO ?? 'go';
const recorded = JSON.parse(readFileSync(answersFile, 'utf8'));
const probes = [
  ...recorded.addresses.map((row) => ({ Kind: 'address', Text: row.input })),
  ...recorded.bodies.map((row) => ({ Kind: 'body', Text: row.body })),
];

const folder = mkdtempSync(join(tmpdir(), 'go-mail-probe-'));
try {
  mkdirSync(join(folder, 'tc'));
  writeFileSync(join(folder, 'go.mod'), 'module probe\n\ngo 1.21\n');
  writeFileSync(join(folder, 'tc', 'tc.go'), PROBE_TC);
  writeFileSync(join(folder, 'main.go'), PROBE);
  const goVersion = execFileSync(go, ['env', 'GOVERSION'], { encoding: 'utf8' }).trim();
  const output = execFileSync(go, ['run', 'main.go'], {
    cwd: folder,
    encoding: 'utf8',
    input: probes.map((probe) => JSON.stringify(probe)).join('\n') + '\n',
    // Nothing to download: the probe imports the standard library only.
    env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off', GOTOOLCHAIN: 'local' },
  });
  const answers = output
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  if (answers.length !== probes.length) throw new Error(`Go answered ${answers.length} of ${probes.length} probes`);
  const addresses = recorded.addresses.map((row, index) => ({ input: row.input, ...answers[index] }));
  const bodies = recorded.bodies.map((row, index) => ({ body: row.body, ...answers[recorded.addresses.length + index] }));
  const file = { recordedWith: goVersion, addresses, bodies };
  writeFileSync(answersFile, JSON.stringify(file, null, 2) + '\n');
  console.log(`recorded ${probes.length} answers of ${goVersion} in src/trafficops/go-mail-answers.json`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
