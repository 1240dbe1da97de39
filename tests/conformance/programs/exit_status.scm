;;; Checks exit with an explicit status: output written before exit is
;;; flushed, the process ends with status 3, and nothing after runs.

(display "x")
(newline)
(display "before exit")
(exit 3)
(display "never printed")
