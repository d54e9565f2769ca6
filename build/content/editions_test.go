package content

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestCompareIDs(t *testing.T) {
	cases := []struct {
		a, b string
		want int
	}{
		{"2024.9", "2024.10", -1},
		{"2024.10", "2024.9", 1},
		{"2024.1", "2024.1", 0},
		{"2024.1", "2025.1", -1},
		{"2024.1", "2024.1.1", -1},
		{"2024.1", "2024.1-rc1", -1},
		{"2024.1-rc2", "2024.1-rc10", -1},
		{"1.01", "1.1", -1}, // equal as versions: text order decides
		{"9", "10", -1},
		{"2024.1a", "2024.1b", -1},
		{"2024.2", "2024.1a", 1},
		{"00000000000000000000000000001", "2", -1}, // longer than an int64
	}
	for _, tc := range cases {
		t.Run(tc.a+" vs "+tc.b, func(t *testing.T) {
			if got := CompareIDs(tc.a, tc.b); got != tc.want {
				t.Errorf("CompareIDs(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
			if got := CompareIDs(tc.b, tc.a); got != -tc.want {
				t.Errorf("CompareIDs(%q, %q) = %d, want %d", tc.b, tc.a, got, -tc.want)
			}
		})
	}
}

// editionsTree has editions 2024.9 and 2024.10 on the same day, a released
// 2025.1 dated 2025-03-01, and a draft 2025.2 dated before it.
func editionsTree() fstest.MapFS {
	m := validTree()
	for _, k := range []string{"2024.1", "2025.1"} {
		for f := range m {
			if strings.HasPrefix(f, "content/"+k+"/") {
				delete(m, f)
			}
		}
	}
	add := func(id, front string) {
		dir := "content/" + id + "/"
		m[dir+"_edition.fr.md"] = &fstest.MapFile{Data: []byte("---\n" + front + "---\nNotes.\n")}
		m[dir+"_edition.en.md"] = &fstest.MapFile{Data: []byte("---\n" + front + "---\nNotes.\n")}
		m[dir+"01-intro.fr.md"] = &fstest.MapFile{Data: []byte(introFR)}
		m[dir+"01-intro.en.md"] = &fstest.MapFile{Data: []byte(introEN)}
	}
	add("2024.10", "date: 2024-01-01\nannounced: 2023-12-01\n")
	add("2024.9", "date: 2024-01-01\n")
	add("2025.1", "date: 2025-03-01\ndraft: false\n")
	add("2025.2", "date: 2025-02-01\ndraft: true\n")
	return m
}

func TestEditionRules(t *testing.T) {
	cases := []struct {
		today   string
		current string
		status  string // per edition in order 2024.9 2024.10 2025.2 2025.1
	}{
		{"2023-12-31", "", "upcoming upcoming draft upcoming"},
		{"2024-01-01", "2024.10", "past current draft upcoming"},
		{"2025-02-15", "2024.10", "past current draft upcoming"},
		{"2025-03-01", "2025.1", "past past draft current"},
		{"2030-01-01", "2025.1", "past past draft current"},
	}
	for _, tc := range cases {
		t.Run(tc.today, func(t *testing.T) {
			h, d := Load(editionsTree(), LoadOptions{Today: day(tc.today)})
			if len(d) != 0 {
				t.Fatalf("diagnostics: %v", lines(d))
			}
			var ids, statuses []string
			for i, e := range h.Editions {
				ids, statuses = append(ids, e.ID), append(statuses, e.Status.String())
				if e.Index != i {
					t.Errorf("%s: index %d, want %d", e.ID, e.Index, i)
				}
			}
			if got := strings.Join(ids, " "); got != "2024.9 2024.10 2025.2 2025.1" {
				t.Errorf("order: %s", got)
			}
			if got := strings.Join(statuses, " "); got != tc.status {
				t.Errorf("statuses: %s, want %s", got, tc.status)
			}
			cur := ""
			if h.Current != nil {
				cur = h.Current.ID
			}
			if cur != tc.current {
				t.Errorf("current: %q, want %q", cur, tc.current)
			}
			err := h.RequireCurrent()
			if (err == nil) != (tc.current != "") {
				t.Errorf("RequireCurrent: %v", err)
			}
			if err != nil && err.Error() != `no released edition in force on `+tc.today+` (release one with "handbook release ID", or check the dates)` {
				t.Errorf("RequireCurrent: %v", err)
			}
		})
	}
}

func TestPreviousAndBase(t *testing.T) {
	h, _ := Load(editionsTree(), LoadOptions{Today: day("2025-02-15")})
	e := func(id string) *Edition { return h.Edition(id) }
	id := func(e *Edition) string {
		if e == nil {
			return "nil"
		}
		return e.ID
	}
	cases := []struct{ ed, previous, released, base string }{
		{"2024.9", "nil", "nil", "nil"},
		{"2024.10", "2024.9", "2024.9", "2024.9"},
		{"2025.2", "2024.10", "2024.10", "2024.10"},
		{"2025.1", "2025.2", "2024.10", "2024.10"},
	}
	for _, tc := range cases {
		x := e(tc.ed)
		if got := id(x.Previous()) + " " + id(x.PreviousReleased()) + " " + id(x.Base()); got != tc.previous+" "+tc.released+" "+tc.base {
			t.Errorf("%s: previous, released, base = %s", tc.ed, got)
		}
	}
	if got := e("2024.10").Announced; !got.Equal(day("2023-12-01")) {
		t.Errorf("announced: %v", got)
	}
	if got := e("2024.9").Announced; !got.Equal(day("2024-01-01")) {
		t.Errorf("announced defaults to the date: %v", got)
	}
}

func TestDraftChapters(t *testing.T) {
	draft := "---\ntitle: Brouillon\nowner: C\ndraft: true\n---\nx\n"
	m := with(validTree(), map[string]string{
		"content/2025.1/03-brouillon.fr.md": draft,
		"content/2025.1/03-brouillon.en.md": strings.Replace(draft, "draft: true\n", "", 1),
	})
	for _, drafts := range []bool{false, true} {
		h, d := Load(m, LoadOptions{Today: day("2025-06-01"), Drafts: drafts})
		if len(d) != 0 {
			t.Fatalf("diagnostics: %v", lines(d))
		}
		c := h.Current.Chapter("brouillon")
		if (c != nil) != drafts || len(h.Current.Chapters) != map[bool]int{false: 2, true: 3}[drafts] {
			t.Errorf("drafts=%v: chapter %v, %d chapters", drafts, c, len(h.Current.Chapters))
		}
		if c != nil && !c.Draft {
			t.Errorf("chapter not marked draft")
		}
	}
}

func TestToday(t *testing.T) {
	loc := time.FixedZone("x", -5*3600)
	cases := []struct {
		env     string
		now     time.Time
		want    string
		wantErr string
	}{
		{"", time.Date(2025, 3, 1, 23, 30, 0, 0, loc), "2025-03-01", ""},
		{"2024-02-29", time.Now(), "2024-02-29", ""},
		{"2025-02-29", time.Now(), "", `HANDBOOK_NOW: impossible date "2025-02-29"`},
		{"tomorrow", time.Now(), "", `HANDBOOK_NOW: want a date YYYY-MM-DD, got "tomorrow"`},
	}
	for _, tc := range cases {
		got, err := TodayFrom(tc.env, tc.now)
		if tc.wantErr != "" {
			if err == nil || err.Error() != tc.wantErr {
				t.Errorf("TodayFrom(%q): %v, want %s", tc.env, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got.Format(time.DateOnly) != tc.want || got.Location() != time.UTC || got.Hour() != 0 {
			t.Errorf("TodayFrom(%q) = %v, %v; want %s UTC", tc.env, got, err, tc.want)
		}
	}
	t.Setenv("HANDBOOK_NOW", "2026-01-02")
	if got, err := Today(); err != nil || !got.Equal(day("2026-01-02")) {
		t.Errorf("Today() with HANDBOOK_NOW = %v, %v", got, err)
	}
}

func TestIsReserved(t *testing.T) {
	for _, s := range []string{"search", "print", "tags", "editions", "changes", "history", "subscribe", "feed", "images"} {
		if !IsReserved(s) {
			t.Errorf("%s not reserved", s)
		}
	}
	for _, s := range []string{"netiquette", "feeds", "Search", ""} {
		if IsReserved(s) {
			t.Errorf("%s reserved", s)
		}
	}
}
