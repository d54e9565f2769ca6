package diff

import (
	"strings"
	"testing"
)

func TestExcerpt(t *testing.T) {
	long := "<p>" + strings.Repeat("mot ", 40) + "fin.</p>"
	tests := []struct {
		name     string
		old, new string
		max      int
		want     string
	}{
		{
			name: "no change",
			old:  "<p>Texte.</p>", new: "<p>Texte.</p>", max: 60,
			want: "",
		},
		{
			name: "changed blocks only, without ids and labels",
			old:  `<h2 id="a">Titre</h2><p>Un deux.</p><p>Trois.</p>`,
			new:  `<h2 id="a">Titre</h2><p>Un quatre.</p><p>Trois.</p>`, max: 60,
			want: "<p>Un <del>deux</del><ins>quatre</ins>.</p>\n",
		},
		{
			name: "list cut down to the changed item",
			old:  "<ul><li>a</li><li>b</li><li>c</li></ul>",
			new:  "<ul><li>a</li><li>b x</li><li>c</li></ul>", max: 60,
			want: "<ul>\n<li>b <ins>x</ins></li>\n</ul>\n",
		},
		{
			name: "table cut down to the deleted row",
			old:  "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>a</td></tr><tr><td>b</td></tr></tbody></table>",
			new:  "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>a</td></tr></tbody></table>", max: 60,
			want: "<table>\n<tbody>\n<tr class=\"block-del\">\n<td><del>b</del></td>\n</tr>\n</tbody>\n</table>\n",
		},
		{
			name: "cut at the word budget",
			old:  long, new: strings.Replace(long, "fin", "début", 1), max: 3,
			want: "<p>mot mot mot …</p>\n",
		},
		{
			name: "stops after the budget",
			old:  "<p>un</p><p>deux trois</p><p>quatre</p>",
			new:  "<p>un x</p><p>deux trois y</p><p>quatre z</p>", max: 4,
			want: "<p>un <ins>x</ins></p>\n<p>deux trois <ins>…</ins></p>\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := Redline([]byte(tc.old), []byte(tc.new), Options{Lang: "fr"})
			if got := string(Excerpt(r.HTML, tc.max)); got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}
