;;; Checks that an uncaught error stops the script with exit status 1 after
;;; the output already produced; the error report goes to stderr, which is
;;; not compared.

(display "first line")
(newline)
(define (fail) (error "deliberate failure" 'in-test))
(fail)
(display "never printed")
(newline)
