package markdown

import (
	"bytes"
	"strconv"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Self-check questions, for training and accreditation. A block
//
//	::: quiz
//	? Question
//	- [ ] wrong answer
//	- [x] right answer
//	> Explanation.
//	:::
//
// holds one or more questions, each "?" line starting a new one. A
// question takes two answers or more, exactly one of them right ("[x]",
// radio buttons), and an optional explanation of one or more ">" lines
// ("> " alone separates paragraphs). A line that does not start with a
// marker continues the question, answer or explanation above it. Blank
// lines are ignored.
//
// It renders as a <fieldset> per question: a <legend>, a list of radio
// buttons with labels, a "check" button (hidden until the script shows
// it), a status line for the script's verdict, and a <details> holding the
// right answer and the explanation, which works without JavaScript. With
// JavaScript, the check button says whether the chosen answer is right and
// opens the <details>.
//
// Search indexes the question and leaves out the answers and the
// explanation: a search result's excerpt would otherwise give the answer
// away beside the question. PlainText (word counts) keeps everything.
//
// Faults are located errors: an unclosed block, a block or a question with
// no answer, fewer than two answers, no right answer or more than one, an
// answer or explanation before any question, a line that is none of the
// above after a blank line.

// quizOpen and quizClose are the fence lines, after indentation and
// before trailing spaces.
var (
	quizFence = []byte(":::")
	quizWord  = []byte("quiz")
)

// KindQuiz is the node kind of Quiz.
var KindQuiz = gast.NewNodeKind("Quiz")

// Quiz is a "::: quiz" block; its children are QuizQuestion nodes.
type Quiz struct {
	gast.BaseBlock
	closed bool // the closing ":::" was seen
	line   int  // line of "::: quiz" in the file
	// q is the question being read, nil before the first; last is the
	// block the next continuation line goes to (nil after a blank line).
	q    *QuizQuestion
	last gast.Node
	// questions are kept here while parsing, and become the children on
	// Close, in their final shape.
	questions []*QuizQuestion
	faulty    bool // a stray line was already reported
}

// Kind implements ast.Node.
func (n *Quiz) Kind() gast.NodeKind { return KindQuiz }

// Dump implements ast.Node.
func (n *Quiz) Dump(source []byte, level int) { gast.DumpHelper(n, source, level, nil, nil) }

// KindQuizQuestion is the node kind of QuizQuestion.
var KindQuizQuestion = gast.NewNodeKind("QuizQuestion")

// QuizQuestion is one question: a QuizPrompt, a QuizChoices and a
// QuizSolution, in that order.
type QuizQuestion struct {
	gast.BaseBlock
	// ID is the fieldset's id and the radio buttons' name, unique in the
	// document ("quiz-netiquette-1").
	ID string
	// Answer is the 1-based number of the right choice.
	Answer int
	line   int

	prompt   *QuizPrompt
	choices  []*QuizChoice
	solution []*gast.Paragraph // explanation paragraphs
}

// Kind implements ast.Node.
func (n *QuizQuestion) Kind() gast.NodeKind { return KindQuizQuestion }

// Dump implements ast.Node.
func (n *QuizQuestion) Dump(source []byte, level int) {
	gast.DumpHelper(n, source, level, map[string]string{"ID": n.ID, "Answer": strconv.Itoa(n.Answer)}, nil)
}

// KindQuizPrompt is the node kind of QuizPrompt.
var KindQuizPrompt = gast.NewNodeKind("QuizPrompt")

// QuizPrompt is the text of a question (inline children).
type QuizPrompt struct{ gast.BaseBlock }

// Kind implements ast.Node.
func (n *QuizPrompt) Kind() gast.NodeKind { return KindQuizPrompt }

// Dump implements ast.Node.
func (n *QuizPrompt) Dump(source []byte, level int) { gast.DumpHelper(n, source, level, nil, nil) }

// KindQuizChoices is the node kind of QuizChoices.
var KindQuizChoices = gast.NewNodeKind("QuizChoices")

// QuizChoices holds the QuizChoice nodes of a question.
type QuizChoices struct{ gast.BaseBlock }

// Kind implements ast.Node.
func (n *QuizChoices) Kind() gast.NodeKind { return KindQuizChoices }

// Dump implements ast.Node.
func (n *QuizChoices) Dump(source []byte, level int) { gast.DumpHelper(n, source, level, nil, nil) }

// KindQuizChoice is the node kind of QuizChoice.
var KindQuizChoice = gast.NewNodeKind("QuizChoice")

// QuizChoice is one answer (inline children). Number is 1-based.
type QuizChoice struct {
	gast.BaseBlock
	Number int
	Right  bool
	line   int
}

// Kind implements ast.Node.
func (n *QuizChoice) Kind() gast.NodeKind { return KindQuizChoice }

// Dump implements ast.Node.
func (n *QuizChoice) Dump(source []byte, level int) {
	gast.DumpHelper(n, source, level, map[string]string{"Right": strconv.FormatBool(n.Right)}, nil)
}

// KindQuizSolution is the node kind of QuizSolution.
var KindQuizSolution = gast.NewNodeKind("QuizSolution")

// QuizSolution is the <details> of a question: a QuizRightAnswer, then the
// explanation paragraphs.
type QuizSolution struct{ gast.BaseBlock }

// Kind implements ast.Node.
func (n *QuizSolution) Kind() gast.NodeKind { return KindQuizSolution }

// Dump implements ast.Node.
func (n *QuizSolution) Dump(source []byte, level int) { gast.DumpHelper(n, source, level, nil, nil) }

// KindQuizRightAnswer is the node kind of QuizRightAnswer.
var KindQuizRightAnswer = gast.NewNodeKind("QuizRightAnswer")

// QuizRightAnswer repeats the right answer in the solution: same source
// lines as its QuizChoice, parsed again.
type QuizRightAnswer struct {
	gast.BaseBlock
	Number int
}

// Kind implements ast.Node.
func (n *QuizRightAnswer) Kind() gast.NodeKind { return KindQuizRightAnswer }

// Dump implements ast.Node.
func (n *QuizRightAnswer) Dump(source []byte, level int) { gast.DumpHelper(n, source, level, nil, nil) }

// quizzes parses "::: quiz" blocks and renders them.
type quizzes struct {
	loc locale
}

func (e quizzes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		util.Prioritized(quizParser{}, prioQuizParser),
	))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(quizRenderer(e), prioRenderer),
	))
}

type quizParser struct{}

var _ parser.BlockParser = quizParser{}

func (quizParser) Trigger() []byte { return []byte{':'} }

// quizLine returns the line without its indentation (when under four
// columns) and trailing white space, and the offset in line where it
// starts; ok is false for an indented code line.
func quizLine(line []byte, offset int) (trimmed []byte, start int, ok bool) {
	w, pos := util.IndentWidth(line, offset)
	if w >= 4 {
		return nil, 0, false
	}
	return util.TrimRightSpace(line[pos:]), pos, true
}

// isQuizOpen reports whether l (trimmed) is "::: quiz" (spaces optional
// between the colons and the word).
func isQuizOpen(l []byte) bool {
	if !bytes.HasPrefix(l, quizFence) {
		return false
	}
	rest := bytes.TrimLeft(l[len(quizFence):], " \t")
	return bytes.Equal(rest, quizWord)
}

func (quizParser) Open(_ gast.Node, reader text.Reader, pc parser.Context) (gast.Node, parser.State) {
	line, segment := reader.PeekLine()
	l, _, ok := quizLine(line, reader.LineOffset())
	if !ok || !isQuizOpen(l) {
		return nil, parser.NoChildren
	}
	q := &Quiz{line: -1}
	if st := stateOf(pc); st != nil {
		q.line = st.lines.line(segment.Start)
	}
	reader.AdvanceToEOL()
	return q, parser.NoChildren
}

func (quizParser) Continue(node gast.Node, reader text.Reader, pc parser.Context) parser.State {
	q := node.(*Quiz)
	line, segment := reader.PeekLine()
	l, pos, ok := quizLine(line, reader.LineOffset())
	st := stateOf(pc)
	lineNo := func() int {
		if st == nil {
			return 0
		}
		return st.lines.line(segment.Start)
	}
	// seg returns the source segment of the line from byte i of line on.
	seg := func(i int) text.Segment {
		start := segment.Start + i - segment.Padding
		if start < segment.Start {
			start = segment.Start
		}
		if start > segment.Stop {
			start = segment.Stop
		}
		return text.NewSegment(start, segment.Stop)
	}
	defer reader.AdvanceToEOL()
	if !ok {
		// Indented four columns or more: continues what is above.
		if q.last != nil {
			q.last.Lines().Append(seg(util.FirstNonSpacePosition(line)))
			return parser.Continue | parser.NoChildren
		}
		q.stray(st, lineNo())
		return parser.Continue | parser.NoChildren
	}
	if len(l) == 0 {
		q.last = nil
		return parser.Continue | parser.NoChildren
	}
	if bytes.Equal(l, quizFence) {
		q.closed = true
		return parser.Close
	}
	switch {
	case l[0] == '?' && (len(l) == 1 || l[1] == ' ' || l[1] == '\t'):
		qq := &QuizQuestion{line: lineNo(), prompt: &QuizPrompt{}}
		qq.prompt.Lines().Append(seg(pos + markerEnd(l, 1)))
		q.questions = append(q.questions, qq)
		q.q, q.last = qq, qq.prompt
	case len(l) >= 2 && (l[0] == '-' || l[0] == '*' || l[0] == '+') && (l[1] == ' ' || l[1] == '\t'):
		rest := bytes.TrimLeft(l[1:], " \t")
		right, isChoice := false, false
		if len(rest) >= 3 && rest[0] == '[' && rest[2] == ']' && (len(rest) == 3 || rest[3] == ' ' || rest[3] == '\t') {
			switch rest[1] {
			case ' ':
				isChoice = true
			case 'x', 'X':
				isChoice, right = true, true
			}
		}
		if !isChoice {
			if st != nil {
				st.errorf(lineNo(), "quiz answer: write `- [ ] answer` for a wrong answer or `- [x] answer` for the right one")
			}
			q.last = nil
			return parser.Continue | parser.NoChildren
		}
		if q.q == nil {
			if st != nil {
				st.errorf(lineNo(), "quiz answer before any question: start the question with `? `")
			}
			q.last = nil
			return parser.Continue | parser.NoChildren
		}
		c := &QuizChoice{Right: right, line: lineNo(), Number: len(q.q.choices) + 1}
		start := len(l) - len(rest) + 3 // just after "]"
		c.Lines().Append(seg(pos + markerEnd(l, start)))
		q.q.choices = append(q.q.choices, c)
		q.last = c
	case l[0] == '>':
		if q.q == nil {
			if st != nil {
				st.errorf(lineNo(), "quiz explanation before any question: start the question with `? `")
			}
			q.last = nil
			return parser.Continue | parser.NoChildren
		}
		start := markerEnd(l, 1)
		if start == len(l) {
			q.last = nil // "> " alone ends a paragraph of the explanation
			return parser.Continue | parser.NoChildren
		}
		p, open := q.last.(*gast.Paragraph)
		if !open || len(q.q.solution) == 0 || q.q.solution[len(q.q.solution)-1] != p {
			p = gast.NewParagraph()
			q.q.solution = append(q.q.solution, p)
		}
		p.Lines().Append(seg(pos + start))
		q.last = p
	default:
		if q.last == nil {
			q.stray(st, lineNo())
			return parser.Continue | parser.NoChildren
		}
		q.last.Lines().Append(seg(pos))
	}
	return parser.Continue | parser.NoChildren
}

// markerEnd returns the offset in l after the marker ending at i and the
// white space that follows it.
func markerEnd(l []byte, i int) int {
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i
}

// stray reports a line that belongs to nothing, once per quiz: the most
// likely cause is a forgotten ":::", and every following line would say
// the same.
func (q *Quiz) stray(st *docState, line int) {
	if q.faulty || st == nil {
		return
	}
	q.faulty = true
	st.errorf(line, "in a quiz, a line starts with `? ` (question), `- [ ]` or `- [x]` (answer), `> ` (explanation), or is `:::` (end of the quiz)")
}

func (quizParser) Close(node gast.Node, reader text.Reader, pc parser.Context) {
	q := node.(*Quiz)
	st := stateOf(pc)
	src := reader.Source()
	errorf := func(line int, format string, args ...any) {
		if st != nil {
			st.errorf(line, format, args...)
		}
	}
	if !q.closed {
		errorf(q.line, "quiz not closed: end it with a line `:::`")
	}
	if len(q.questions) == 0 {
		errorf(q.line, "quiz with no question: start each question with `? `")
	}
	for _, qq := range q.questions {
		if st != nil {
			st.quizzes++
			qq.ID = st.idPrefix + "quiz-" + st.fnPrefix + strconv.Itoa(st.quizzes)
		}
		trimLast(qq.prompt, src)
		if isEmptyLines(qq.prompt, src) {
			errorf(qq.line, "quiz question with no text after `? `")
		}
		rights := 0
		for _, c := range qq.choices {
			trimLast(c, src)
			if isEmptyLines(c, src) {
				errorf(c.line, "quiz answer with no text")
			}
			if c.Right {
				rights++
				if rights == 1 {
					qq.Answer = c.Number
				} else {
					errorf(c.line, "quiz question with more than one right answer: mark only one `- [x]`")
				}
			}
		}
		switch {
		case len(qq.choices) < 2:
			errorf(qq.line, "quiz question with %d answer(s): give at least two, `- [ ] wrong` and `- [x] right`", len(qq.choices))
		case rights == 0:
			errorf(qq.line, "quiz question with no right answer: mark it `- [x]`")
		}
		for _, p := range qq.solution {
			trimLast(p, src)
		}
		q.AppendChild(q, qq.build())
	}
	q.questions, q.q, q.last = nil, nil, nil
}

// build attaches the parts of a question as its children, in the order
// they render.
func (qq *QuizQuestion) build() *QuizQuestion {
	qq.AppendChild(qq, qq.prompt)
	choices := &QuizChoices{}
	var right *QuizChoice
	for _, c := range qq.choices {
		choices.AppendChild(choices, c)
		if c.Number == qq.Answer {
			right = c
		}
	}
	qq.AppendChild(qq, choices)
	sol := &QuizSolution{}
	if right != nil {
		ra := &QuizRightAnswer{Number: right.Number}
		ra.SetLines(right.Lines()) // parsed again, as its own inline content
		sol.AppendChild(sol, ra)
	}
	for _, p := range qq.solution {
		sol.AppendChild(sol, p)
	}
	qq.AppendChild(qq, sol)
	qq.prompt, qq.choices, qq.solution = nil, nil, nil
	return qq
}

// trimLast trims the white space at the end of n's last line, as
// goldmark's paragraphs do, so that no line break ends the text.
func trimLast(n gast.Node, src []byte) {
	lines := n.Lines()
	if k := lines.Len(); k > 0 {
		last := lines.At(k - 1)
		lines.Set(k-1, last.TrimRightSpace(src))
	}
}

func isEmptyLines(n gast.Node, src []byte) bool {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if !util.IsBlank(seg.Value(src)) {
			return false
		}
	}
	return true
}

func (quizParser) CanInterruptParagraph() bool { return true }

func (quizParser) CanAcceptIndentedLine() bool { return false }

// quizRenderer writes
//
//	<div class="quiz" data-right="…" data-wrong="…" data-none="…">
//	<fieldset class="quiz-question" id="quiz-x-1" data-answer="2">
//	<legend>Question</legend>
//	<ul class="quiz-choices">
//	<li><input type="radio" name="quiz-x-1" id="quiz-x-1-1" value="1"> <label for="quiz-x-1-1">wrong</label></li>
//	...
//	</ul>
//	<p class="quiz-actions"><button type="button" class="quiz-check" hidden>Check</button> <span class="quiz-result" role="status"></span></p>
//	<details class="quiz-solution"><summary>Answer and explanation</summary>
//	<p class="quiz-answer"><span class="quiz-answer-label">Answer:</span> right</p>
//	<p>Explanation.</p>
//	</details>
//	</fieldset>
//	</div>
//
// The data attributes carry the script's verdicts in the page's language.
type quizRenderer struct {
	loc locale
}

func (r quizRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindQuiz, r.renderQuiz)
	reg.Register(KindQuizQuestion, r.renderQuestion)
	reg.Register(KindQuizPrompt, r.renderPrompt)
	reg.Register(KindQuizChoices, r.renderChoices)
	reg.Register(KindQuizChoice, r.renderChoice)
	reg.Register(KindQuizSolution, r.renderSolution)
	reg.Register(KindQuizRightAnswer, r.renderRightAnswer)
}

func writeEscaped(w util.BufWriter, s string) { _, _ = w.Write(util.EscapeHTML([]byte(s))) }

func (r quizRenderer) renderQuiz(w util.BufWriter, _ []byte, _ gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return gast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<div class="quiz" data-right="`)
	writeEscaped(w, r.loc.quiz.right)
	_, _ = w.WriteString(`" data-wrong="`)
	writeEscaped(w, r.loc.quiz.wrong)
	_, _ = w.WriteString(`" data-none="`)
	writeEscaped(w, r.loc.quiz.none)
	_, _ = w.WriteString("\">\n")
	return gast.WalkContinue, nil
}

func (r quizRenderer) renderQuestion(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</fieldset>\n")
		return gast.WalkContinue, nil
	}
	n := node.(*QuizQuestion)
	_, _ = w.WriteString(`<fieldset class="quiz-question" id="`)
	writeEscaped(w, n.ID)
	_, _ = w.WriteString(`" data-answer="`)
	_, _ = w.WriteString(strconv.Itoa(n.Answer))
	_, _ = w.WriteString("\">\n")
	return gast.WalkContinue, nil
}

func (r quizRenderer) renderPrompt(w util.BufWriter, _ []byte, _ gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<legend>")
	} else {
		_, _ = w.WriteString("</legend>\n")
	}
	return gast.WalkContinue, nil
}

func (r quizRenderer) renderChoices(w util.BufWriter, _ []byte, _ gast.Node, entering bool) (gast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<ul class=\"quiz-choices\">\n")
		return gast.WalkContinue, nil
	}
	_, _ = w.WriteString("</ul>\n<p class=\"quiz-actions\"><button type=\"button\" class=\"quiz-check\" hidden>")
	writeEscaped(w, r.loc.quiz.check)
	_, _ = w.WriteString("</button> <span class=\"quiz-result\" role=\"status\"></span></p>\n")
	return gast.WalkContinue, nil
}

func questionOf(n gast.Node) *QuizQuestion {
	for ; n != nil; n = n.Parent() {
		if q, ok := n.(*QuizQuestion); ok {
			return q
		}
	}
	return &QuizQuestion{}
}

func (r quizRenderer) renderChoice(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</label></li>\n")
		return gast.WalkContinue, nil
	}
	n := node.(*QuizChoice)
	q := questionOf(n)
	num := strconv.Itoa(n.Number)
	_, _ = w.WriteString(`<li><input type="radio" name="`)
	writeEscaped(w, q.ID)
	_, _ = w.WriteString(`" id="`)
	writeEscaped(w, q.ID+"-"+num)
	_, _ = w.WriteString(`" value="` + num + `"> <label for="`)
	writeEscaped(w, q.ID+"-"+num)
	_, _ = w.WriteString(`">`)
	return gast.WalkContinue, nil
}

func (r quizRenderer) renderSolution(w util.BufWriter, _ []byte, _ gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</details>\n")
		return gast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<details class="quiz-solution"><summary>`)
	writeEscaped(w, r.loc.quiz.solution)
	_, _ = w.WriteString("</summary>\n")
	return gast.WalkContinue, nil
}

func (r quizRenderer) renderRightAnswer(w util.BufWriter, _ []byte, _ gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</p>\n")
		return gast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<p class="quiz-answer"><span class="quiz-answer-label">`)
	writeEscaped(w, r.loc.quiz.answer)
	_, _ = w.WriteString(`</span> `)
	return gast.WalkContinue, nil
}
