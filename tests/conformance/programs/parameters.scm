;;; Checks make-parameter (with and without a converter) and parameterize,
;;; including nesting and restoring the value after a non-local exit.

(define width (make-parameter 80))
(define level (make-parameter 1 (lambda (x) (* x 10))))

(write (width)) (newline)
(write (level)) (newline)

(parameterize ((width 100) (level 2))
  (write (list (width) (level)))
  (newline)
  (parameterize ((width 120))
    (write (list (width) (level)))
    (newline)))

(write (list (width) (level))) (newline)

(define (show-width) (width))
(write (parameterize ((width 7)) (show-width))) (newline)

(write (call-with-current-continuation
        (lambda (k)
          (parameterize ((width 5))
            (k (width))))))
(newline)
(write (width)) (newline)

(define name (make-parameter "guix" string-upcase))
(display (name)) (newline)
(display (parameterize ((name "oscdsl")) (name))) (newline)
