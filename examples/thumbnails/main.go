// Command thumbnails is the Go port of the program in the "Python
// multiprocessing: ProcessPoolExecutor" section of
// shared/seeds/002_7c14b898e9712794.txt ("Python Concurrency"): a
// process pool executor makes a thumbnail of every image in a folder.
//
//	import logging
//	from pathlib import Path
//	from time import time
//	from functools import partial
//	from concurrent.futures import ProcessPoolExecutor
//	from PIL import Image
//
//	logging.basicConfig(level=logging.INFO, format='%(asctime)s - %(name)s - %(levelname)s - %(message)s')
//	logger = logging.getLogger(__name__)
//	types = {'.jpg', '.png', '.gif'}
//
//	def create_thumbnail(size, path):
//	    print(path)
//	    path = Path(path)
//	    name = path.stem + '_thumbnail' + path.suffix
//	    thumbnail_path = path.with_name(name)
//	    image = Image.open(path)
//	    image.thumbnail(size)
//	    image.save(thumbnail_path)
//
//	def main():
//	    ts = time()
//	    # Partially apply the create_thumbnail method, setting the size to 128x128
//	    # and returning a function of a single argument.
//	    thumbnail_128 = partial(create_thumbnail, (128, 128))
//	    # Create the executor in a with block so shutdown is called when the block
//	    # is exited.
//	    paths = []
//	    for image_path in Path('images').iterdir():
//	        if image_path.suffix in types:
//	            paths.append(image_path)
//	    with ProcessPoolExecutor() as executor:
//	        executor.map(thumbnail_128, paths)
//	    logging.info('Took %s', time() - ts)
//
//	if __name__ == '__main__':
//	    main()
//
// Run it in a directory with a folder "images", or name another folder
// with -dir:
//
//	go run ./examples/thumbnails
//	go run ./examples/thumbnails -dir=$HOME/Pictures
//
// For every file of the folder whose name ends in .jpg, .png or .gif
// (exactly: not .jpeg, not .PNG), it prints the file's path and writes
// beside it NAME_thumbnail.EXT, the image shrunk to fit in 128×128
// pixels, then logs how long it all took:
//
//	images/cat.jpg
//	images/diagram.png
//	images/dance.gif
//	2026-11-25 14:05:31,412 - root - INFO - Took 0.0803840160369873
//
// The paths come in the order the workers reach them, which varies from
// run to run, as in Python. The thumbnails land in the same folder, so a
// second run makes thumbnails of the thumbnails too (cat_thumbnail.jpg
// gives cat_thumbnail_thumbnail.jpg), as the Python program does.
//
// The translation:
//
//   - partial(create_thumbnail, (128, 128)) is a closure, and
//     ProcessPoolExecutor().map becomes [futures.MapErr] on a
//     [futures.ProcessPoolExecutor], whose workers are goroutines, as many
//     as Go runs at once (GOMAXPROCS, the number of cores). The with block
//     becomes a function that defers
//     [futures.ProcessPoolExecutor.Shutdown].
//   - PIL's Image.open becomes [image.Decode], which, like PIL, tells the
//     format from the file's content; image.save picks the format from the
//     thumbnail's extension, as PIL does, and writes JPEG at PIL's default
//     quality, 75. Image.thumbnail is [thumbnail]: the size PIL's
//     thumbnail computes (the aspect ratio kept, rounded as PIL rounds it,
//     and an image that already fits left as it is), scaled with
//     golang.org/x/image/draw's CatmullRom, the cubic filter that PIL's
//     default, BICUBIC, uses; a paletted image (a GIF, say) is scaled by
//     nearest neighbour into the same palette, as PIL does for mode "P".
//   - The logging line is written by a [log.Logger] with the format's
//     time ("2006-01-02 15:04:05,000", Python's default asctime), the
//     logger's name and the level. The name is "root": the program calls
//     logging.info, the root logger's, and never uses the logger it gets
//     for __name__.
//
// Where the output differs from Python's:
//
//   - Python never reads the results of executor.map, so an image that
//     fails to open or save is skipped silently; the Go program reads
//     them and stops at the first failure with its error, without the
//     "Took" line.
//   - Path('images').iterdir() lists the folder in the file system's
//     order; [os.ReadDir] sorts it by name. The workers print the paths
//     in their own order anyway.
//   - The thumbnails' pixels differ slightly from PIL's: PIL first
//     shrinks a large image by a whole factor (its reducing_gap, and the
//     JPEG decoder's draft mode), then resamples; the Go program resamples
//     once.
//   - The logging line goes to standard output, where Python's logging
//     writes to standard error, and under `go test` the clock is fake,
//     so it reads "2000-01-01 00:00:00,000 - root - INFO - Took 0.0".
package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/pyconc/pyconc/futures"
	"github.com/pyconc/pyconc/internal/pyrepr"
	"github.com/pyconc/pyconc/thread"
)

// types are the suffixes of the files to make thumbnails of.
var types = map[string]bool{".jpg": true, ".png": true, ".gif": true}

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	defer thread.Shutdown()
	fs := flag.NewFlagSet("thumbnails", flag.ContinueOnError)
	dir := fs.String("dir", "images", "folder of the images to make thumbnails of")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("thumbnails: unexpected arguments %q", fs.Args())
	}
	logging := log.New(w, "", 0) // the format's asctime, name and levelname are in info

	ts := time.Now()
	// Partially apply createThumbnail, setting the size to 128×128 and
	// returning a function of a single argument.
	thumbnail128 := func(path string) (struct{}, error) {
		return struct{}{}, createThumbnail(w, 128, 128, path)
	}
	entries, err := os.ReadDir(*dir)
	if err != nil {
		return err
	}
	var paths []string
	for _, e := range entries {
		if types[suffix(e.Name())] {
			paths = append(paths, filepath.Join(*dir, e.Name()))
		}
	}
	if err := thumbnailAll(thumbnail128, paths); err != nil {
		return err
	}
	info(logging, "Took %s", pyrepr.Float(time.Since(ts).Seconds()))
	return nil
}

// thumbnailAll is the with block: it calls fn on every path on a process
// pool executor, and returns the first error.
func thumbnailAll(fn func(string) (struct{}, error), paths []string) error {
	executor := futures.NewProcessPoolExecutor()
	defer executor.Shutdown() // the end of the with block
	for _, err := range futures.MapErr(executor, fn, paths) {
		if err != nil {
			return err
		}
	}
	return nil
}

// createThumbnail is the Python function create_thumbnail: it prints
// path and saves beside it, as STEM_thumbnail.SUFFIX, a thumbnail of the
// image that fits in width×height.
func createThumbnail(w io.Writer, width, height int, path string) error {
	fmt.Fprintln(w, path)
	base := filepath.Base(path)
	ext := suffix(base)
	name := strings.TrimSuffix(base, ext) + "_thumbnail" + ext
	thumbnailPath := filepath.Join(filepath.Dir(path), name)
	img, err := openImage(path)
	if err != nil {
		return err
	}
	return saveImage(thumbnailPath, thumbnail(img, width, height))
}

// suffix returns the final extension of the file name, with its dot, as
// pathlib's PurePath.suffix does: "" when the only dot starts the name
// (".png") or ends it.
func suffix(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 || i == len(name)-1 {
		return ""
	}
	return name[i:]
}

// info writes msg, formatted, as the program's logging.info does with
// format '%(asctime)s - %(name)s - %(levelname)s - %(message)s'.
func info(logging *log.Logger, format string, args ...any) {
	logging.Print(time.Now().Format("2006-01-02 15:04:05,000") + " - root - INFO - " + fmt.Sprintf(format, args...))
}
