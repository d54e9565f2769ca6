// Package handbook embeds the default layouts and static files, so that the
// binary builds a folder holding only content/. go:embed cannot reach parent
// folders, which is why this is the one Go file at the top of the module.
package handbook

import (
	"embed"
	"io/fs"
)

//go:embed layouts static
var files embed.FS

// Layouts returns the default html/template files.
func Layouts() fs.FS {
	sub, err := fs.Sub(files, "layouts")
	if err != nil {
		panic(err) // the folder is embedded at compile time
	}
	return sub
}

// Static returns the default CSS, JavaScript and images.
func Static() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err)
	}
	return sub
}
