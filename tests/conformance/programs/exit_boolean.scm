;;; Checks exit with a boolean: (exit #f) ends the process with status 1
;;; and nothing after it runs.

(display "about to fail")
(newline)
(exit #f)
(display "never printed")
