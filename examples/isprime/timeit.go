package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"
)

// timeit is IPython's %timeit -r repeat -n number: it measures repeat
// times how long number calls of stmt take, and writes to w the mean and
// the standard deviation of one call's time over the measurements. It
// stops at the first error stmt returns, as %timeit stops at an exception.
func timeit(w io.Writer, repeat, number int, stmt func() error) error {
	timings := make([]float64, repeat) // seconds per call, one per measurement
	for i := range timings {
		start := time.Now()
		for range number {
			if err := stmt(); err != nil {
				return err
			}
		}
		timings[i] = time.Since(start).Seconds() / float64(number)
	}
	fmt.Fprint(w, timeitResult(timings, number))
	return nil
}

// timeitResult returns what %timeit prints for the given seconds per
// call, measured with number calls each: IPython's TimeitResult, after
// its warning when the slowest measurement took over four times as long
// as the fastest.
func timeitResult(timings []float64, number int) string {
	var mean float64
	for _, t := range timings {
		mean += t
	}
	mean /= float64(len(timings))
	var variance float64
	for _, t := range timings {
		variance += (t - mean) * (t - mean)
	}
	stdev := math.Sqrt(variance / float64(len(timings))) // IPython divides by n, not n-1

	var b strings.Builder
	best, worst := slices.Min(timings), slices.Max(timings)
	if worst > 4*best && best > 0 && worst > 1e-6 {
		fmt.Fprintf(&b, "The slowest run took %0.2f times longer than the fastest. "+
			"This could mean that an intermediate result is being cached.\n", worst/best)
	}
	fmt.Fprintf(&b, "%s ± %s per loop (mean ± std. dev. of %d run%s, %s loop%s each)\n",
		formatTime(mean), formatTime(stdev),
		len(timings), plural(len(timings)), thousands(number), plural(number))
	return b.String()
}

// formatTime formats a time span in seconds as IPython's _format_time
// does: three significant digits in the largest unit of s, ms, μs and ns
// that keeps it at least 1, or days, hours, minutes and seconds from a
// minute up.
func formatTime(timespan float64) string {
	if timespan >= 60 {
		var parts []string
		leftover := timespan
		for _, p := range []struct {
			suffix string
			length float64
		}{{"d", 60 * 60 * 24}, {"h", 60 * 60}, {"min", 60}, {"s", 1}} {
			if value := int(leftover / p.length); value > 0 {
				leftover = math.Mod(leftover, p.length)
				parts = append(parts, fmt.Sprintf("%d%s", value, p.suffix))
			}
			if leftover < 1 {
				break
			}
		}
		return strings.Join(parts, " ")
	}
	units := []string{"s", "ms", "μs", "ns"}
	scaling := []float64{1, 1e3, 1e6, 1e9}
	order := 3
	if timespan > 0 {
		order = min(-int(math.Floor(math.Floor(math.Log10(timespan))/3)), 3)
	}
	return fmt.Sprintf("%.3g %s", timespan*scaling[order], units[order])
}

// plural returns "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// thousands formats n with commas between groups of three digits, as
// Python's "{:,}" does.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
