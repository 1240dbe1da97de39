;;; A small script built in the store: `oscdsl build' prints its path, and
;;; running that path prints a greeting and the file it was built with.

(use-modules (guix gexp))

(define greeting
  (plain-file "greeting.txt" "Hello from the store!\n"))

(program-file "hello-script"
  #~(begin
      (display (call-with-input-file #$greeting
                 (lambda (port) (read-line port))))
      (newline)
      (display "arguments: ")
      (write (cdr (command-line)))
      (newline)))
