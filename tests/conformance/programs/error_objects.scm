;;; Checks the error objects made by R7RS error (from (scheme base)):
;;; error-object?, error-object-message and error-object-irritants, and the
;;; same through (ice-9 exceptions) exception-message / exception-irritants.
;;; A Guile quirk kept on purpose: with no irritants,
;;; error-object-irritants returns #f, not '().

(use-modules ((scheme base)
              #:select (error-object? error-object-message
                        error-object-irritants guard
                        (error . r7rs-error)))
             ((srfi srfi-34) #:select (raise))
             ((ice-9 exceptions)
              #:select (exception-message exception-irritants
                        exception-with-message?)))

(define (try thunk)
  (guard (e ((error-object? e)
             (list 'message (error-object-message e)
                   'irritants (error-object-irritants e)))
            ((symbol? e) (list 'symbol e)))
    (thunk)))

(write (try (lambda () (r7rs-error "bad thing" 1 "two" 'three))))
(newline)
(write (try (lambda () (r7rs-error "no irritants"))))
(newline)
(write (try (lambda () (raise 'plain))))
(newline)
(write (try (lambda () 'fine)))
(newline)

(write (guard (e ((exception-with-message? e)
                  (cons (exception-message e) (exception-irritants e))))
         (r7rs-error "via ice-9" '(a list) #\c)))
(newline)
(write (error-object? 'not-an-error)) (newline)
