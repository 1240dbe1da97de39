;;; (guix gexp): G-expressions and file-like objects.
;;;
;;; `gexp' (#~), `ungexp' (#$) and friends, `with-imported-modules' and
;;; `local-file' are core syntax; the procedures are written in Python
;;; (oscdsl/gexp/scheme.py, lowering in oscdsl/gexp/lower.py).

(define-module (guix gexp)
  #:export (gexp ungexp ungexp-splicing ungexp-native ungexp-native-splicing
            with-imported-modules local-file))

(define-syntax-rule (define-gexp-compiler (name (param predicate) system target)
                      body ...)
  ;; Lower the values satisfying PREDICATE with BODY, which returns a value
  ;; of the store monad (a derivation or a store path once run).
  (define name
    (let ((compile (lambda (param system target) body ...)))
      (%register-gexp-compiler! predicate
                                (lambda (value) (compile value #f #f)))
      compile)))

;; EXTENSIONS (Guile extension packages in Guix) are evaluated and ignored:
;; oscdsl programs use the Python packages of the interpreter.
(define-syntax-rule (with-extensions extensions body ...)
  (begin extensions (let () body ...)))

(export define-gexp-compiler with-extensions)
