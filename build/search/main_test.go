package search

import (
	"os"
	"testing"

	"example.com/handbook/build/internal/browsertest"
)

// TestMain ends the run with a line naming each missing tool that made
// tests skip (go test shows no skip of a passing package without -v).
func TestMain(m *testing.M) { os.Exit(browsertest.Main(m)) }
