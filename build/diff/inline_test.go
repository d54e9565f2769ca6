package diff

import (
	"strings"
	"testing"
)

// TestWordLevel pins the word-level rendering: grouping, folding of small
// unchanged fragments, inline markup kept around and inside changes. The
// hidden labels are left out of want for readability.
func TestWordLevel(t *testing.T) {
	tests := []struct {
		name, old, new, want string
	}{
		{
			name: "one word",
			old:  "<p>Le chat dort.</p>", new: "<p>Le chien dort.</p>",
			want: "<p>Le <del>chat</del><ins>chien</ins> dort.</p>",
		},
		{
			name: "short equal between changes folded",
			old:  "<p>un chat de la voisine dort</p>", new: "<p>un chien de mon voisin dort</p>",
			want: "<p>un <del>chat de la voisine</del><ins>chien de mon voisin</ins> dort</p>",
		},
		{
			name: "long equal between changes kept",
			old:  "<p>Alpha reste ici tout comme le reste du texte omega.</p>",
			new:  "<p>Beta reste ici tout comme le reste du texte gamma.</p>",
			want: "<p><del>Alpha</del><ins>Beta</ins> reste ici tout comme le reste du texte <del>omega</del><ins>gamma</ins>.</p>",
		},
		{
			name: "insertion keeps its space outside",
			old:  "<p>a b</p>", new: "<p>a x b</p>",
			want: "<p>a <ins>x</ins> b</p>",
		},
		{
			name: "deletion at the end keeps the space before it",
			old:  "<p>Un. Deux.</p>", new: "<p>Un.</p>",
			want: "<p>Un. <del>Deux.</del></p>",
		},
		{
			name: "change inside emphasis stays inside",
			old:  "<p><em>très gentil</em> chat</p>", new: "<p><em>très méchant</em> chat</p>",
			want: "<p><em>très <del>gentil</del><ins>méchant</ins></em> chat</p>",
		},
		{
			name: "emphasis added",
			old:  "<p>un mot ici</p>", new: "<p>un <em>mot</em> ici</p>",
			want: "<p>un <del>mot</del><ins><em>mot</em></ins> ici</p>",
		},
		{
			name: "code changed",
			old:  "<p>Lancez <code>handbook build</code>.</p>", new: "<p>Lancez <code>handbook serve</code>.</p>",
			want: "<p>Lancez <code>handbook <del>build</del><ins>serve</ins></code>.</p>",
		},
		{
			name: "image replaced",
			old:  `<p>Logo <img src="a.png" alt="Logo"> ici</p>`, new: `<p>Logo <img src="b.png" alt="Logo"> ici</p>`,
			want: `<p>Logo <del><img src="a.png" alt="Logo"/></del><ins><img src="b.png" alt="Logo"/></ins> ici</p>`,
		},
		{
			name: "typography inside a changed paragraph is not a change",
			old:  `<p>C'est "oui" : bien.</p>`, new: "<p>C’est «\u00a0oui\u00a0»\u00a0: très bien.</p>",
			want: "<p>C’est «\u00a0oui\u00a0»\u00a0: <ins>très</ins> bien.</p>",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Redline([]byte(tc.old), []byte(tc.new), Options{Lang: "en"})
			got := strings.TrimSpace(string(r.HTML))
			for _, l := range labels("en") {
				got = strings.ReplaceAll(got, `<span class="visually-hidden">`+l+`</span>`, "")
			}
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			checkRedline(t, []byte(tc.old), []byte(tc.new), r, "en")
		})
	}
}
