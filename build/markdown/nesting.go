package markdown

// MaxNesting is the deepest nesting of block quotes and lists a body may
// have. goldmark handles deep nesting without overflowing the stack, but
// its time grows with depth times length; a limit far above what any
// chapter needs keeps a pathological file from stalling a build or the
// preview server.
const MaxNesting = 100

// tooDeep returns the first line (0-based, within the body) whose nesting
// of block quotes and lists exceeds MaxNesting, or -1.
//
// The depth of a line is estimated from its start without parsing: each
// ">" and each list marker ("-", "+", "*", "1.", "1)") followed by a space
// counts one level, and the white space before a marker one level per two
// columns (the content of a list item is indented at least two columns, so
// each list the line continues adds two). The estimate does not fall below
// the real depth, so nothing much deeper than the limit reaches goldmark.
func tooDeep(body []byte) int {
	line := 0
	for i := 0; i < len(body); line++ {
		end := i
		for end < len(body) && body[end] != '\n' {
			end++
		}
		if lineDepth(body[i:end]) > MaxNesting {
			return line
		}
		i = end + 1
	}
	return -1
}

func lineDepth(l []byte) int {
	markers, cols, pending := 0, 0, 0
	marker := func(width int) {
		markers++
		cols += pending // the indentation before a marker nests it
		pending = 0
		i := width
		if i < len(l) && l[i] == ' ' {
			i++ // the space after a marker belongs to it
		}
		l = l[i:]
	}
	for len(l) > 0 {
		switch c := l[0]; {
		case c == ' ':
			pending++
			l = l[1:]
			continue
		case c == '\t':
			pending += 4
			l = l[1:]
			continue
		case c == '>':
			marker(1)
			continue
		case c == '-' || c == '+' || c == '*':
			if len(l) == 1 || l[1] == ' ' || l[1] == '\t' {
				marker(1)
				continue
			}
		case '0' <= c && c <= '9':
			j := 0
			for j < len(l) && j < 10 && '0' <= l[j] && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
				marker(j + 1)
				continue
			}
		}
		break
	}
	if markers == 0 {
		return 0
	}
	return markers + cols/2
}
