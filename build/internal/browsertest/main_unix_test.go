//go:build unix

package browsertest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// TestHelperMissing stands for a test whose tool is missing; it runs only
// in the child process of TestMissingReported.
func TestHelperMissing(t *testing.T) {
	if os.Getenv("BROWSERTEST_HELPER") == "" {
		t.Skip("helper of TestMissingReported")
	}
	Missing(t, "no-such-tool", "a test of the report", "apt-get install no-such-tool")
}

// TestMissingReported runs TestHelperMissing in a child without a
// terminal (so the report goes to stderr): the run passes and ends with
// the line naming the tool, or fails with HANDBOOK_REQUIRE_TOOLS=1.
func TestMissingReported(t *testing.T) {
	run := func(require string) (string, error) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperMissing$")
		cmd.Env = append(os.Environ(), "BROWSERTEST_HELPER=1", "HANDBOOK_REQUIRE_TOOLS="+require)
		cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true} // no /dev/tty
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		return stderr.String(), err
	}
	stderr, err := run("")
	want := "SKIP browsertest: no-such-tool missing, 1 test skipped (TestHelperMissing); install it with: apt-get install no-such-tool, or set HANDBOOK_REQUIRE_TOOLS=1 to fail instead\n"
	if err != nil || !strings.HasSuffix(stderr, want) {
		t.Errorf("without HANDBOOK_REQUIRE_TOOLS: %v, stderr %q, want it to end with %q", err, stderr, want)
	}
	if stderr, err := run("1"); err == nil || strings.Contains(stderr, "SKIP") {
		t.Errorf("with HANDBOOK_REQUIRE_TOOLS=1: %v, stderr %q; want a failure", err, stderr)
	}
}
