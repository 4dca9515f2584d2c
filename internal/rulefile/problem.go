package rulefile

import (
	"fmt"
	"strconv"
	"strings"
)

// Problem is one thing wrong in a rule file.
type Problem struct {
	File string
	// Line is the 1-based line of the problem, 0 when it concerns the
	// whole file.
	Line    int
	Message string
}

// String formats the problem as "file:line: message", or "file: message"
// when the line is 0.
func (p Problem) String() string {
	if p.Line > 0 {
		return p.File + ":" + strconv.Itoa(p.Line) + ": " + p.Message
	}
	return p.File + ": " + p.Message
}

// Problemf returns the problem at line of file with a formatted message.
func Problemf(file string, line int, format string, args ...any) Problem {
	return Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...)}
}

// CheckError lists the problems found in a rule file. Its Error is their
// String forms, one a line.
type CheckError struct {
	File     string
	Problems []Problem
}

func (e *CheckError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Errorf returns a *CheckError with the one problem at line of file.
func Errorf(file string, line int, format string, args ...any) *CheckError {
	return &CheckError{File: file, Problems: []Problem{Problemf(file, line, format, args...)}}
}
