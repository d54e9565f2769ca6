package markdown

// A browser test of self-check questions: the HTML the renderer writes,
// with the site's real stylesheet and quiz script, in headless Chromium,
// with and without JavaScript.

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	handbook "example.com/handbook"
	"example.com/handbook/build/internal/browsertest"
)

const quizPage = `::: quiz
? Peut-on publier la photo d'un collègue sans son accord ?
- [ ] Oui, si elle est prise au bureau
- [x] Non, il faut son accord
> Le consentement est requis.

? Qui parle au nom de l'entreprise ?
- [x] Un porte-parole accrédité
- [ ] Tout employé
:::
`

// quizSite writes a page holding the rendered quiz, the site's CSS and the
// quiz script, and returns its folder.
func quizSite(t *testing.T) string {
	t.Helper()
	doc := New(Options{Lang: "fr"}).Render([]byte(quizPage), RenderOptions{Path: "content/x/09-formation.fr.md", BodyLine: 1})
	if len(doc.Diagnostics) > 0 {
		t.Fatalf("diagnostics: %v", doc.Diagnostics)
	}
	dir := t.TempDir()
	static := handbook.Static()
	for _, name := range []string{"css/site.css", "js/quiz.js"} {
		b, err := fs.ReadFile(static, name)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	page := `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Quiz</title>
<link rel="stylesheet" href="css/site.css">
<script type="module">import { setupQuizzes } from "./js/quiz.js"; setupQuizzes(); document.documentElement.dataset.ready = "1";</script>
</head><body><main><h1>Quiz</h1>` + string(doc.HTML(nil)) + `</main></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func quizEval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func quizUntil(t *testing.T, ctx context.Context, expr string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("never true: %s", expr)
}

func TestQuizInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	dir := quizSite(t)
	srv := browsertest.ServeDir(t, dir, "/q/")

	t.Run("with JavaScript", func(t *testing.T) {
		ctx := browsertest.New(t)
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/q/")); err != nil {
			t.Fatal(err)
		}
		quizUntil(t, ctx, `document.documentElement.dataset.ready === "1"`)
		const q1 = `document.querySelectorAll("fieldset.quiz-question")[0]`
		if !quizEval[bool](t, ctx, q1+`.querySelector("button.quiz-check").getClientRects().length > 0`) {
			t.Fatal("the check button is not shown")
		}
		status := func() string {
			return quizEval[string](t, ctx, q1+`.querySelector(".quiz-result").textContent`)
		}
		open := func() bool { return quizEval[bool](t, ctx, q1+`.querySelector("details").open`) }
		click := func(sel string) {
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
				t.Fatalf("click %s: %v", sel, err)
			}
		}
		click(`#quiz-formation-1 button.quiz-check`)
		if got := status(); got != "Choisissez d’abord une réponse." || open() {
			t.Errorf("check with no answer: status %q, details open %v", got, open())
		}
		click(`label[for="quiz-formation-1-1"]`)
		click(`#quiz-formation-1 button.quiz-check`)
		if got := status(); !strings.HasPrefix(got, "Ce n’est pas la bonne réponse.") || !open() {
			t.Errorf("wrong answer: status %q, details open %v", got, open())
		}
		if !quizEval[bool](t, ctx, `document.querySelector('label[for="quiz-formation-1-1"]').parentElement.classList.contains("quiz-chosen-wrong")`) {
			t.Error("the wrong answer is not marked")
		}
		click(`label[for="quiz-formation-1-2"]`)
		click(`#quiz-formation-1 button.quiz-check`)
		if got := status(); got != "Bonne réponse." {
			t.Errorf("right answer: status %q", got)
		}
		// The second question is untouched.
		if got := quizEval[string](t, ctx, `document.querySelector("#quiz-formation-2 .quiz-result").textContent`); got != "" {
			t.Errorf("second question's status: %q", got)
		}
		if axe, err := os.ReadFile("../quality/node_modules/axe-core/axe.min.js"); err == nil {
			for _, scheme := range []string{"light", "dark"} {
				if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				}); err != nil {
					t.Fatal(err)
				}
				quizEval[any](t, ctx, string(axe))
				res, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", ")))`, chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				for _, v := range res {
					t.Errorf("axe (%s): %s", scheme, v)
				}
			}
		} else {
			t.Log("axe-core not installed in build/quality: accessibility not checked here")
		}
	})

	t.Run("without JavaScript", func(t *testing.T) {
		ctx := browsertest.New(t)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/q/")); err != nil {
			t.Fatal(err)
		}
		quizUntil(t, ctx, `document.readyState === "complete"`)
		if quizEval[bool](t, ctx, `[...document.querySelectorAll("button.quiz-check")].some(b => b.getClientRects().length > 0)`) {
			t.Error("a check button shows without JavaScript, where it can do nothing")
		}
		const sol = `document.querySelector("#quiz-formation-1 details.quiz-solution")`
		if quizEval[bool](t, ctx, sol+`.open`) {
			t.Fatal("the answer shows before the reader asks for it")
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#quiz-formation-1 details summary`))); err != nil {
			t.Fatal(err)
		}
		text := quizEval[string](t, ctx, sol+`.innerText`)
		for _, want := range []string{"Non, il faut son accord", "Le consentement est requis."} {
			if !strings.Contains(text, want) {
				t.Errorf("opened answer %q lacks %q", text, want)
			}
		}
		// The radio buttons still take a choice.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`label[for="quiz-formation-1-2"]`))); err != nil {
			t.Fatal(err)
		}
		if !quizEval[bool](t, ctx, `document.getElementById("quiz-formation-1-2").checked`) {
			t.Error("a label does not choose its answer")
		}
	})
}
